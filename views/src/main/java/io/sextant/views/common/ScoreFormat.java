package io.sextant.views.common;

import io.sextant.services.search.ChunkHit;
import io.sextant.services.search.DocHit;
import io.sextant.services.search.SearchMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How scores are written and drawn: bar lengths, score labels and the component breakdown. */
public final class ScoreFormat {

  private ScoreFormat() {}

  /**
   * The bar length of {@code score} in a list whose best score is {@code top}: scores are only
   * comparable within one list (BM25 is unbounded, fused scores are relative), so bars are too.
   */
  public static double barFraction(double score, double top) {
    if (!(top > 0) || !Double.isFinite(score)) {
      return 0;
    }
    return Math.max(0, Math.min(1, score / top));
  }

  /** The score as the list shows it: 3 decimals, or 2 for BM25's larger numbers. */
  public static String score(double s, SearchMode mode) {
    return String.format(Locale.ROOT, mode == SearchMode.KEYWORD ? "%.2f" : "%.3f", s);
  }

  /** One line per component: BM25 score and rank, cosine and rank, and the fused score. */
  public static List<String> components(ChunkHit h, SearchMode mode) {
    List<String> lines = new ArrayList<>();
    lines.add(h.bm25Score() == null ? "BM25: not in the keyword list"
        : String.format(Locale.ROOT, "BM25: %.3f (rank %d)", h.bm25Score(), h.bm25Rank()));
    lines.add(h.vectorScore() == null ? "Vector: not in the vector list"
        : String.format(Locale.ROOT, "Vector cosine: %.4f (rank %d)", h.vectorScore(), h.vectorRank()));
    if (mode == SearchMode.HYBRID) {
      lines.add(String.format(Locale.ROOT, "Fused: %.4f", h.score()));
    }
    return lines;
  }

  /** The tooltip of a result row. */
  public static String tooltip(DocHit d, SearchMode mode) {
    StringBuilder sb = new StringBuilder(d.path()).append('\n');
    ChunkHit best = d.best();
    if (best.page() > 0) {
      sb.append("Page ").append(best.page()).append(" · ");
    }
    sb.append("passage ").append(best.ordinal() + 1).append('\n');
    for (String line : components(best, mode)) {
      sb.append(line).append('\n');
    }
    if (d.chunks().size() > 1) {
      sb.append(d.chunks().size()).append(" matching passages in this file");
    }
    return sb.toString().strip();
  }

  /** "12 files · 7 ms" under the search box. */
  public static String summary(int files, long embedMicros, long searchMicros) {
    long ms = Math.round((embedMicros + searchMicros) / 1000.0);
    return files + (files == 1 ? " file" : " files") + " · " + ms + " ms"
        + (embedMicros > 0 ? String.format(Locale.ROOT, " (query embedding %.1f ms)", embedMicros / 1000.0) : "");
  }
}
