package io.sextant.services.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Assembles a {@link Snippet} from pieces of a chunk's text, collapsing runs of whitespace (chunk
 * text keeps the source's line breaks and indentation, which read badly in a one-line excerpt)
 * while keeping match ranges pointing at the same words.
 */
final class SnippetBuilder {

  static final String ELLIPSIS = "…";

  private final StringBuilder out = new StringBuilder();
  private final List<int[]> ranges = new ArrayList<>();

  /** Appends literal text (separators, ellipses) that holds no matches. */
  SnippetBuilder appendLiteral(String s) {
    if (s.startsWith(" ") && !out.isEmpty() && out.charAt(out.length() - 1) == ' ') {
      s = s.substring(1); // keep whitespace collapsed across pieces
    }
    out.append(s);
    return this;
  }

  /**
   * Appends {@code content[from, to)} with whitespace collapsed, highlighting the matches
   * {@code [starts[i], ends[i])} that lie wholly inside it.
   */
  SnippetBuilder append(String content, int from, int to, int[] starts, int[] ends, int numMatches) {
    // outPos[j] = where content[from + j] lands in the output (or would, if collapsed away).
    int[] outPos = new int[to - from + 1];
    for (int i = from; i < to; i++) {
      outPos[i - from] = out.length();
      char ch = content.charAt(i);
      if (Character.isWhitespace(ch)) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
          out.append(' ');
        }
      } else {
        out.append(ch);
      }
    }
    outPos[to - from] = out.length();
    for (int m = 0; m < numMatches; m++) {
      if (starts[m] >= from && ends[m] <= to && starts[m] < ends[m]) {
        ranges.add(new int[] {outPos[starts[m] - from], outPos[ends[m] - from]});
      }
    }
    return this;
  }

  /** The snippet, trimmed, with overlapping or touching ranges merged. */
  Snippet build() {
    int lead = 0;
    while (lead < out.length() && out.charAt(lead) == ' ') {
      lead++;
    }
    int end = out.length();
    while (end > lead && out.charAt(end - 1) == ' ') {
      end--;
    }
    String text = out.substring(lead, end);
    ranges.sort(Comparator.comparingInt((int[] r) -> r[0]).thenComparingInt(r -> r[1]));
    List<int[]> merged = new ArrayList<>();
    for (int[] r : ranges) {
      int s = Math.max(0, r[0] - lead);
      int e = Math.min(text.length(), r[1] - lead);
      if (e <= s) {
        continue;
      }
      int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && s <= last[1]) {
        last[1] = Math.max(last[1], e);
      } else {
        merged.add(new int[] {s, e});
      }
    }
    return new Snippet(text, merged);
  }
}
