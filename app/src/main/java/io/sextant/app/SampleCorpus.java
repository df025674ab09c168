package io.sextant.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the bundled sample documents. The {@code ./sextant} launcher sets {@code sextant.root} to
 * the repository; installed images set it to their application folder ({@code $APPDIR}), where
 * the installer build copies {@code sample-corpora/}. Without the property, the working directory
 * is tried, which is what tests run from a module folder rely on.
 */
public final class SampleCorpus {

  private SampleCorpus() {}

  /** {@code sample-corpora/documents} under {@code sextant.root}, or under the working directory. */
  public static Optional<Path> locate() {
    String root = System.getProperty("sextant.root");
    Path base = root != null ? Path.of(root) : Path.of("");
    return under(base);
  }

  /** {@code sample-corpora/documents} under {@code base} when that folder exists. */
  public static Optional<Path> under(Path base) {
    Path p = base.resolve("sample-corpora").resolve("documents");
    return Files.isDirectory(p) ? Optional.of(p.toAbsolutePath().normalize()) : Optional.empty();
  }
}
