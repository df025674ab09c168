package io.sextant.services.bench;

import java.util.SplittableRandom;

/**
 * Seeded synthetic text for keyword search at scale: pseudo-words drawn with a Zipf law, so that
 * term statistics look like natural text (a few very common words, a long tail of rare ones).
 * Uniform word draws would give every term a huge posting list and make BM25 look far slower
 * than on real documents.
 */
public final class SyntheticText {

  private static final String[] ONSETS = {"b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z",
      "br", "ch", "st", "tr"};
  private static final String[] VOWELS = {"a", "e", "i", "o", "u", "ai", "ou"};

  private final String[] words;
  private final double[] cumulative;

  /**
   * @param vocabulary distinct words
   * @param exponent Zipf exponent (about 1 for natural language)
   * @param seed makes the vocabulary reproducible
   */
  public SyntheticText(int vocabulary, double exponent, long seed) {
    if (vocabulary < 2) {
      throw new IllegalArgumentException("vocabulary must be at least 2, got " + vocabulary);
    }
    SplittableRandom r = new SplittableRandom(seed);
    java.util.Set<String> seen = new java.util.HashSet<>();
    words = new String[vocabulary];
    for (int i = 0; i < vocabulary; ) {
      // Frequent words are short, as in natural language.
      int syllables = i < 200 ? 1 + r.nextInt(2) : 2 + r.nextInt(2);
      StringBuilder w = new StringBuilder();
      for (int s = 0; s < syllables; s++) {
        w.append(ONSETS[r.nextInt(ONSETS.length)]).append(VOWELS[r.nextInt(VOWELS.length)]);
      }
      if (seen.add(w.toString())) {
        words[i++] = w.toString();
      }
    }
    cumulative = new double[vocabulary];
    double sum = 0;
    for (int i = 0; i < vocabulary; i++) {
      sum += 1 / Math.pow(i + 1, exponent);
      cumulative[i] = sum;
    }
    for (int i = 0; i < vocabulary; i++) {
      cumulative[i] /= sum;
    }
  }

  /** One word by Zipf rank, skipping the {@code skipHead} most common ones. */
  public String word(SplittableRandom r, int skipHead) {
    double lo = skipHead <= 0 ? 0 : cumulative[Math.min(skipHead, cumulative.length) - 1];
    double u = lo + r.nextDouble() * (1 - lo);
    int i = java.util.Arrays.binarySearch(cumulative, u);
    return words[Math.min(words.length - 1, i >= 0 ? i : -i - 1)];
  }

  /** {@code n} words joined by spaces. */
  public String text(SplittableRandom r, int n, int skipHead) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append(' ');
      }
      b.append(word(r, skipHead));
    }
    return b.toString();
  }
}
