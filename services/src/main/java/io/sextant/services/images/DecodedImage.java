package io.sextant.services.images;

/** An upright decoded image and its metadata. */
public record DecodedImage(RgbImage pixels, ImageMetadata metadata) {}
