package io.sextant.services.judgments;

import java.util.Locale;

/**
 * How a workspace file key (its absolute path) becomes a TREC/BEIR document id, which must be one
 * word. {@link #PATH} keeps the whole path, so ids are unique; {@link #STEM} is the file name
 * without its extension, the id a BEIR corpus written out one file per document
 * ({@code DOCID.txt}) gives back, so exported qrels and runs match the dataset's own.
 */
public enum DocIds {
  /** The absolute path, with '%' and white space percent-encoded ("/a b.txt" -> "/a%20b.txt"). */
  PATH,
  /** The file name without its last extension ("/corpus/4983.txt" -> "4983"). */
  STEM;

  public String docId(String docKey) {
    return switch (this) {
      case PATH -> encode(docKey);
      case STEM -> encode(stem(docKey));
    };
  }

  /** The file name of a path without its last extension; a leading dot is part of the name. */
  public static String stem(String path) {
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    String name = path.substring(slash + 1);
    int dot = name.lastIndexOf('.');
    return dot <= 0 ? name : name.substring(0, dot);
  }

  private static String encode(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(c -> {
      if (c == '%' || Character.isWhitespace(c)) {
        b.append(String.format(Locale.ROOT, "%%%02X", c));
      } else {
        b.appendCodePoint(c);
      }
    });
    return b.toString();
  }

  public static DocIds parse(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "path" -> PATH;
      case "stem" -> STEM;
      default -> throw new IllegalArgumentException("document ids must be 'path' or 'stem', got '" + s + "'");
    };
  }
}
