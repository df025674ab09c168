package io.sextant.services.model;

import java.util.Objects;

/**
 * Vectors for a list of texts, in the order the texts were given.
 *
 * @param vectors one L2-normalised vector per input text
 * @param truncated how many inputs were longer than the model's maximum and were cut
 * @param tokens total tokens fed to the model (padding excluded)
 */
public record EmbeddingBatch(float[][] vectors, int truncated, long tokens) {
  public EmbeddingBatch {
    Objects.requireNonNull(vectors, "vectors");
    if (truncated < 0 || tokens < 0) {
      throw new IllegalArgumentException("negative counts");
    }
  }
}
