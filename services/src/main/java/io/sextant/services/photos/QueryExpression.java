package io.sextant.services.photos;

import io.sextant.services.images.ImageDecoder;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A weighted sum of texts and example images, in the style of rclip:
 * {@code 2:golden retriever + ./pool.jpg - grass}. Terms are separated by {@code +} or {@code -}
 * standing alone between spaces (so "t-shirt" and "x+y" stay one term); a term may start with a
 * numeric weight and a colon ({@code 0.5:sunset}); a term that names an existing image file
 * (relative to a base folder) is an image, anything else is text. A term that looks like an image
 * path ("./x.jpg", "photos/y.png") but does not exist is an error rather than silently text.
 *
 * <p>The query vector is {@code normalise(sum(sign * weight * embed(term)))} over unit-length term
 * vectors.
 */
public record QueryExpression(List<Term> terms) {

  /** One term. {@code weight} carries the sign. */
  public record Term(double weight, String text, Path image) {
    public boolean isImage() {
      return image != null;
    }
  }

  private static final Pattern SPLIT = Pattern.compile("\\s+([+-])\\s+");
  private static final Pattern WEIGHT = Pattern.compile("^([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)):(.*)$", Pattern.DOTALL);

  public QueryExpression {
    terms = List.copyOf(terms);
    if (terms.isEmpty()) {
      throw new IllegalArgumentException("empty query");
    }
  }

  /** Parses {@code query}, resolving image paths against {@code baseDir}. */
  public static QueryExpression parse(String query, Path baseDir) {
    Objects.requireNonNull(query, "query");
    String q = query.strip();
    if (q.isEmpty()) {
      throw new IllegalArgumentException("empty query");
    }
    List<Term> terms = new ArrayList<>();
    Matcher m = SPLIT.matcher(q);
    int start = 0;
    double sign = 1;
    while (m.find()) {
      terms.add(term(q.substring(start, m.start()), sign, baseDir));
      sign = m.group(1).equals("-") ? -1 : 1;
      start = m.end();
    }
    terms.add(term(q.substring(start), sign, baseDir));
    return new QueryExpression(terms);
  }

  /** A single example image. */
  public static QueryExpression image(Path image) {
    return new QueryExpression(List.of(new Term(1, null, image.toAbsolutePath().normalize())));
  }

  /** Whether this is one plain text with weight 1 (no arithmetic). */
  public boolean isPlainText() {
    return terms.size() == 1 && !terms.get(0).isImage() && terms.get(0).weight() == 1;
  }

  private static Term term(String raw, double sign, Path baseDir) {
    String s = raw.strip();
    double weight = 1;
    Matcher w = WEIGHT.matcher(s);
    if (w.matches()) {
      weight = Double.parseDouble(w.group(1));
      s = w.group(2).strip();
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty term in query '" + raw.strip() + "'");
    }
    if (!Double.isFinite(weight)) {
      throw new IllegalArgumentException("bad weight in '" + raw.strip() + "'");
    }
    Path image = imagePath(s, baseDir);
    return new Term(sign * weight, image == null ? s : null, image);
  }

  private static Path imagePath(String s, Path baseDir) {
    Path p;
    try {
      String expanded = s.startsWith("~/") ? System.getProperty("user.home") + s.substring(1) : s;
      p = baseDir.resolve(expanded).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      return null;
    }
    boolean looksLikePath = !s.contains(" ") && ImageDecoder.isImage(Path.of(s.replace('\\', '/').replaceAll(".*/", "")))
        && (s.contains("/") || s.contains("\\") || s.startsWith("~"));
    if (Files.isRegularFile(p) && ImageDecoder.isImage(p)) {
      return p;
    }
    if (looksLikePath) {
      throw new IllegalArgumentException("image not found: " + p);
    }
    return null;
  }
}
