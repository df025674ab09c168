package io.sextant.services.ingest;

/**
 * How the {@link Chunker} sizes chunks, in model tokens.
 *
 * @param targetTokens most tokens in one chunk; keep it at or below the model's input limit
 *     (minus special tokens) so nothing is silently truncated when embedding
 * @param overlapTokens most tokens of whole sentences repeated from the end of one chunk at the
 *     start of the next, so a passage cut at a boundary is still found whole in one of them
 */
public record ChunkerSettings(int targetTokens, int overlapTokens) {

  /** Chunker algorithm version; bump it when the same settings would cut text differently. */
  private static final int ALGORITHM_VERSION = 1;
  private static final int MAX_TARGET_TOKENS = 1 << 16;

  /** 256 tokens with 32 of overlap: fits every built-in model's 512-token window comfortably. */
  public static final ChunkerSettings DEFAULT = new ChunkerSettings(256, 32);

  public ChunkerSettings {
    if (targetTokens < 1 || targetTokens > MAX_TARGET_TOKENS) {
      throw new IllegalArgumentException(
          "targetTokens must be in 1.." + MAX_TARGET_TOKENS + ", got " + targetTokens);
    }
    if (overlapTokens < 0 || overlapTokens >= targetTokens) {
      throw new IllegalArgumentException("overlapTokens must be >= 0 and < targetTokens ("
          + targetTokens + "), got " + overlapTokens);
    }
  }

  /**
   * Identifies these settings and the chunking algorithm, e.g. "chunker-v1:t256:o32". Stored with
   * an index so that changing the settings (or the algorithm) is detected and triggers re-chunking.
   */
  public String fingerprint() {
    return "chunker-v" + ALGORITHM_VERSION + ":t" + targetTokens + ":o" + overlapTokens;
  }
}
