package io.sextant.services.search;

import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;

/**
 * Formats the UnifiedHighlighter's passages as a {@link Snippet} (plain text plus ranges) instead
 * of HTML, so the UI decides how highlights look and nothing needs escaping. A passage longer
 * than {@code maxPassageChars} (one long sentence) is cut to a window around its first match.
 */
final class SnippetFormatter extends PassageFormatter {

  static final String PASSAGE_SEPARATOR = " " + SnippetBuilder.ELLIPSIS + " ";

  /** Context kept before the first match when a passage is cut. */
  private static final int LEAD_CHARS = 60;

  private final int maxPassageChars;

  SnippetFormatter(int maxPassageChars) {
    if (maxPassageChars < 2 * LEAD_CHARS) {
      throw new IllegalArgumentException("maxPassageChars too small: " + maxPassageChars);
    }
    this.maxPassageChars = maxPassageChars;
  }

  @Override
  public Snippet format(Passage[] passages, String content) {
    SnippetBuilder b = new SnippetBuilder();
    for (int p = 0; p < passages.length; p++) {
      Passage passage = passages[p];
      if (p > 0) {
        b.appendLiteral(PASSAGE_SEPARATOR);
      }
      int start = passage.getStartOffset();
      int end = passage.getEndOffset();
      if (end - start > maxPassageChars) {
        boolean matched = passage.getNumMatches() > 0;
        int first = matched ? passage.getMatchStarts()[0] : start;
        int firstEnd = matched ? passage.getMatchEnds()[0] : start;
        int ws = start;
        if (first - LEAD_CHARS > start) {
          ws = wordStartAfter(content, first - LEAD_CHARS, first);
        }
        int we = Math.min(end, ws + maxPassageChars);
        if (we < end) {
          we = wordEndBefore(content, we, Math.max(ws + 1, firstEnd));
        }
        if (ws > start) {
          b.appendLiteral(SnippetBuilder.ELLIPSIS + " ");
        }
        b.append(content, ws, we, passage.getMatchStarts(), passage.getMatchEnds(), passage.getNumMatches());
        if (we < end) {
          b.appendLiteral(" " + SnippetBuilder.ELLIPSIS);
        }
      } else {
        b.append(content, start, end, passage.getMatchStarts(), passage.getMatchEnds(), passage.getNumMatches());
      }
    }
    return b.build();
  }

  /** First word start in {@code [from, limit]}, or {@code from} when there is no space. */
  static int wordStartAfter(String s, int from, int limit) {
    for (int i = from; i < limit; i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i + 1;
      }
    }
    return from;
  }

  /**
   * A cut point at or before {@code to} and after {@code floor} that does not split a word;
   * {@code to} itself (moved off a surrogate pair's middle) when there is no space in range.
   */
  static int wordEndBefore(String s, int to, int floor) {
    if (to >= s.length()) {
      return s.length();
    }
    for (int i = to; i > floor; i--) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    if (to > 0 && Character.isLowSurrogate(s.charAt(to))) {
      return to - 1;
    }
    return to;
  }
}
