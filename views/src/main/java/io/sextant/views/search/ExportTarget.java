package io.sextant.views.search;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a result list is exported: the file the user chose, with the extension of the format they
 * picked added when they typed a bare name (the exporter chooses CSV or JSON by extension).
 */
public final class ExportTarget {

  /** The formats offered, by extension, CSV first (spreadsheets are the usual destination). */
  public static final List<String> EXTENSIONS = List.of("csv", "json");

  private ExportTarget() {}

  /**
   * {@code chosen} as it is when it already ends in an offered extension; otherwise with
   * {@code extension} (the chooser's selected format, or CSV when none) appended.
   */
  public static Path resolve(Path chosen, String extension) {
    Objects.requireNonNull(chosen, "chosen");
    String name = chosen.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    if (EXTENSIONS.stream().anyMatch(e -> lower.endsWith("." + e))) {
      return chosen;
    }
    String ext = extension == null || !EXTENSIONS.contains(extension.toLowerCase(Locale.ROOT))
        ? EXTENSIONS.get(0) : extension.toLowerCase(Locale.ROOT);
    return chosen.resolveSibling(name + "." + ext);
  }

  /** A file name for the query's results: "results-" and the query's words, at most 40 characters. */
  public static String suggestedName(String query, String extension) {
    String words = query == null ? "" : query.toLowerCase(Locale.ROOT)
        .replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("(^-+|-+$)", "");
    if (words.length() > 40) {
      words = words.substring(0, 40).replaceAll("-+$", "");
    }
    return (words.isEmpty() ? "results" : "results-" + words) + "." + extension;
  }
}
