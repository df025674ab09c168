package io.sextant.views.inspector;

import io.sextant.services.catalog.ChunkRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text for the Inspector: neighbouring chunks trimmed of the part they share with the selected
 * one (chunks overlap by design, and showing the overlap twice reads like a stutter), and the
 * places where the query's words occur.
 */
public final class PassageText {

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
  private static final Set<String> STOP = Set.of("a", "an", "and", "are", "as", "at", "be", "by",
      "do", "does", "for", "from", "how", "in", "is", "it", "of", "on", "or", "the", "to", "was",
      "what", "when", "where", "which", "who", "why", "with");

  /** A line that starts a list item keeps its own line when text is reflowed. */
  private static final Pattern LIST_ITEM = Pattern.compile("[ \\t]*(?:[-*\u2022\u2013]|\\d{1,3}[.)])\\s.*");

  private PassageText() {}

  /** The part of {@code before} that comes before {@code chunk} starts. */
  public static String leadIn(ChunkRecord before, ChunkRecord chunk) {
    int keep = chunk.start() - before.start();
    String t = before.text();
    return keep >= t.length() ? t : t.substring(0, Math.max(0, keep));
  }

  /** The part of {@code after} that comes after {@code chunk} ends. */
  public static String leadOut(ChunkRecord chunk, ChunkRecord after) {
    int skip = chunk.end() - after.start();
    String t = after.text();
    return skip <= 0 ? t : skip >= t.length() ? "" : t.substring(skip);
  }

  /**
   * Text extracted from a PDF keeps the typeset line breaks, which in a narrower pane turn every
   * line into a ragged half line. This joins the lines of a paragraph with a space, and keeps
   * paragraph breaks (blank lines) and list items on their own lines. Other formats keep their
   * line breaks: in Markdown, code and plain text they carry meaning.
   */
  public static String reflow(String text) {
    String[] lines = text.split("\n", -1);
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (i > 0) {
        boolean paragraphEdge = lines[i - 1].isBlank() || line.isBlank();
        if (paragraphEdge || LIST_ITEM.matcher(line).matches()) {
          out.append('\n');
        } else {
          trimTrailing(out);
          out.append(' ');
          line = line.stripLeading();
        }
      }
      out.append(line);
    }
    return out.toString();
  }

  private static void trimTrailing(StringBuilder b) {
    while (!b.isEmpty() && (b.charAt(b.length() - 1) == ' ' || b.charAt(b.length() - 1) == '\t')) {
      b.setLength(b.length() - 1);
    }
  }

  /**
   * {@code [start, end)} ranges in {@code text} of words that begin with one of the query's
   * words (so "tide" marks "tides"), ascending and non-overlapping. Short and common words are
   * skipped: marking every "the" helps nobody.
   */
  public static List<int[]> matches(String query, String text) {
    List<String> terms = new ArrayList<>();
    Matcher q = WORD.matcher(query.toLowerCase(Locale.ROOT));
    while (q.find()) {
      String t = q.group();
      if (t.length() >= 2 && !STOP.contains(t)) {
        terms.add(t);
      }
    }
    List<int[]> out = new ArrayList<>();
    if (terms.isEmpty()) {
      return out;
    }
    Matcher w = WORD.matcher(text);
    while (w.find()) {
      String word = w.group().toLowerCase(Locale.ROOT);
      for (String t : terms) {
        if (word.startsWith(t)) {
          out.add(new int[] {w.start(), w.end()});
          break;
        }
      }
    }
    return out;
  }
}
