/**
 * Images as searchable items: ingest (walk, decode, EXIF into the catalog's {@code images} table,
 * thumbnail, CLIP vector through the embedding cache, one document per image in the workspace's
 * image index) and search (text to image, image to image, weighted query arithmetic, EXIF
 * filters). Images get their own Lucene index so text-model rebuilds never touch them.
 */
package io.sextant.services.photos;
