package io.sextant.services.explore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Names clusters by their most distinctive words with class-based TF-IDF (as in BERTopic): all
 * member texts of a cluster form one document; a term scores its frequency in the cluster times
 * log(1 + average words per cluster / its frequency over all clusters), with the frequency's square
 * root (BERTopic's "reduce frequent words"). Terms are Lucene's English
 * stems (so "cells" and "cell" count together), shown as the stem's most common surface form.
 */
public final class ClusterLabeler {

  /** Members read per cluster: a few thousand passages name a cluster as well as all of them. */
  static final int MAX_MEMBERS = 2000;

  /** The most common surface form, ties to the alphabetically first. */
  private static final java.util.Comparator<Map.Entry<String, Integer>> SURFACE_ORDER =
      Map.Entry.<String, Integer>comparingByValue()
          .thenComparing(Map.Entry.<String, Integer>comparingByKey().reversed());

  /**
   * Lucene's English stop words plus the function words and reporting verbs that fill passages
   * of any topic and would otherwise name clusters ("were", "we", "also").
   */
  static final CharArraySet STOP_WORDS = stopWords();

  private static CharArraySet stopWords() {
    CharArraySet set = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
    set.addAll(List.of("about", "above", "after", "again", "against", "all", "also", "although",
        "am", "among", "any", "because", "been", "before", "being", "below", "between", "both",
        "can", "could", "did", "do", "does", "doing", "down", "during", "each", "et", "al", "few",
        "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "him",
        "his", "how", "however", "i", "its", "itself", "just", "may", "me", "might", "more",
        "most", "must", "my", "nor", "now", "off", "once", "only", "other", "our", "ours", "out",
        "over", "own", "same", "she", "should", "so", "some", "than", "those", "through", "thus",
        "too", "under", "until", "up", "upon", "us", "very", "we", "were", "what", "when",
        "where", "whether", "which", "while", "who", "whom", "why", "within", "without", "would",
        "you", "your", "use", "used", "using", "show", "shown", "showed", "found", "one", "two",
        "three", "well", "whereas", "via", "yet", "either", "neither", "per", "etc", "e.g", "i.e"));
    return CharArraySet.unmodifiableSet(set);
  }

  private final int terms;

  /** @param terms words per name */
  public ClusterLabeler(int terms) {
    if (terms < 1) {
      throw new IllegalArgumentException("terms must be >= 1, got " + terms);
    }
    this.terms = terms;
  }

  /**
   * A name per cluster 0..clusters-1 ("cell · tumour · growth"), from the texts of its members;
   * noise (-1) is ignored.
   */
  public List<String> names(int[] labels, List<String> texts, int clusters) {
    Objects.requireNonNull(texts, "texts");
    if (labels.length != texts.size()) {
      throw new IllegalArgumentException(labels.length + " labels for " + texts.size() + " texts");
    }
    List<Map<String, Integer>> tf = new ArrayList<>();
    long[] words = new long[clusters];
    int[] seen = new int[clusters];
    for (int c = 0; c < clusters; c++) {
      tf.add(new HashMap<>());
    }
    Map<String, Map<String, Integer>> surfaces = new HashMap<>();
    SplittableRandom r = new SplittableRandom(1);
    int[] sizes = new int[clusters];
    for (int l : labels) {
      if (l >= 0) {
        sizes[l]++;
      }
    }
    try (Analyzer analyzer = new EnglishAnalyzer(STOP_WORDS)) {
      for (int i = 0; i < labels.length; i++) {
        int c = labels[i];
        if (c < 0) {
          continue;
        }
        // a uniform sample of big clusters, without a second pass
        if (sizes[c] > MAX_MEMBERS && r.nextInt(sizes[c]) >= MAX_MEMBERS) {
          continue;
        }
        seen[c]++;
        String text = texts.get(i);
        try (TokenStream ts = analyzer.tokenStream("body", text)) {
          CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
          OffsetAttribute off = ts.addAttribute(OffsetAttribute.class);
          ts.reset();
          while (ts.incrementToken()) {
            String stem = term.toString();
            if (stem.length() < 3 || !Character.isLetter(stem.charAt(0))) {
              continue;
            }
            tf.get(c).merge(stem, 1, Integer::sum);
            words[c]++;
            String surface = text.substring(off.startOffset(), off.endOffset()).toLowerCase(Locale.ROOT);
            surfaces.computeIfAbsent(stem, k -> new HashMap<>()).merge(surface, 1, Integer::sum);
          }
          ts.end();
        } catch (IOException e) {
          throw new UncheckedIOException(e); // not thrown for in-memory text
        }
      }
    }
    Map<String, Long> overall = new HashMap<>();
    long totalWords = 0;
    int nonEmpty = 0;
    for (int c = 0; c < clusters; c++) {
      tf.get(c).forEach((t, f) -> overall.merge(t, (long) f, Long::sum));
      totalWords += words[c];
      nonEmpty += words[c] > 0 ? 1 : 0;
    }
    double avgWords = nonEmpty == 0 ? 1 : (double) totalWords / nonEmpty;
    List<String> names = new ArrayList<>();
    for (int c = 0; c < clusters; c++) {
      long total = Math.max(1, words[c]);
      List<Map.Entry<String, Double>> scored = new ArrayList<>();
      for (var e : tf.get(c).entrySet()) {
        if (e.getValue() < 2 && seen[c] > 1) {
          continue; // one mention in one passage is not what a cluster is about
        }
        // BERTopic's "reduce frequent words": the square root of the term's share, so a word that
        // is common everywhere ("cells", "patients") does not name every cluster by volume alone
        double score = Math.sqrt((double) e.getValue() / total) * Math.log(1 + avgWords / overall.get(e.getKey()));
        scored.add(Map.entry(e.getKey(), score));
      }
      scored.sort(Map.Entry.<String, Double>comparingByValue().reversed()
          .thenComparing(Map.Entry.comparingByKey()));
      List<String> top = new ArrayList<>();
      for (var e : scored.subList(0, Math.min(terms, scored.size()))) {
        top.add(surfaces.get(e.getKey()).entrySet().stream()
            .max(SURFACE_ORDER).orElseThrow().getKey());
      }
      names.add(top.isEmpty() ? "cluster " + (c + 1) : String.join(" · ", top));
    }
    return names;
  }
}
