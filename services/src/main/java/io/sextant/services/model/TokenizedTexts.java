package io.sextant.services.model;

/**
 * Token ids of a list of texts, already truncated to the model's limit, plus the order in which
 * they are fed to the model (shortest first, so each batch pads little).
 *
 * <p>Package-private: shared by {@link OnnxTextEmbedder} and {@link EmbeddingBenchmark} so the
 * benchmark's bare ONNX loop runs on exactly the batches the pipeline builds.
 */
final class TokenizedTexts {
  /** Ids per text, in input order, special tokens included. */
  final long[][] ids;
  /** Indices into {@link #ids}, by increasing length (ties keep input order). */
  final int[] byLength;
  /** How many texts were longer than the model's maximum and were cut. */
  final int truncated;
  /** Sum of the lengths of {@link #ids}. */
  final long tokens;

  TokenizedTexts(long[][] ids, int truncated) {
    this.ids = ids;
    this.truncated = truncated;
    // Sort (length << 32 | index) as primitives: no boxing, and equal lengths stay in input order.
    long[] keys = new long[ids.length];
    long total = 0;
    for (int i = 0; i < ids.length; i++) {
      keys[i] = ((long) ids[i].length << 32) | i;
      total += ids[i].length;
    }
    java.util.Arrays.sort(keys);
    byLength = new int[ids.length];
    for (int i = 0; i < keys.length; i++) {
      byLength[i] = (int) keys[i];
    }
    tokens = total;
  }

  int size() {
    return ids.length;
  }

  /** Length of the longest text in sorted positions {@code [from, to)}: the last one. */
  int longest(int from, int to) {
    return ids[byLength[to - 1]].length;
  }
}
