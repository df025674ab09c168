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
    // The piece is collapsed into a local array and appended once: a StringBuilder call per char
    // made this loop most of a semantic page's hit building (about 3 us per 300-char lead-in).
    int[] outPos = new int[to - from + 1];
    char[] buf = new char[to - from];
    int base = out.length();
    int n = 0;
    // leading whitespace of the snippet is dropped, and runs collapse to one space
    boolean afterSpace = base == 0 || out.charAt(base - 1) == ' ';
    for (int i = from; i < to; i++) {
      outPos[i - from] = base + n;
      char ch = content.charAt(i);
      if (isWhitespace(ch)) {
        if (!afterSpace) {
          buf[n++] = ' ';
          afterSpace = true;
        }
      } else {
        buf[n++] = ch;
        afterSpace = false;
      }
    }
    out.append(buf, 0, n);
    outPos[to - from] = out.length();
    for (int m = 0; m < numMatches; m++) {
      if (starts[m] >= from && ends[m] <= to && starts[m] < ends[m]) {
        ranges.add(new int[] {outPos[starts[m] - from], outPos[ends[m] - from]});
      }
    }
    return this;
  }

  /** {@link Character#isWhitespace}, answering printable ASCII without the call. */
  private static boolean isWhitespace(char ch) {
    return (ch <= ' ' || ch >= 0x7F) && Character.isWhitespace(ch);
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
