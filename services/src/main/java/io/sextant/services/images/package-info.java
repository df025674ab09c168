/**
 * Images as documents: decoding every supported format to upright RGB (ImageIO with the
 * TwelveMonkeys readers, EXIF orientation applied), EXIF metadata (date taken, camera,
 * orientation), and the thumbnail cache.
 */
package io.sextant.services.images;
