package io.sextant.services.engine;

import io.sextant.services.model.ModelRegistry;
import io.sextant.services.task.TaskRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** Shared fixtures: the repository's sample corpus and a models folder materialised once per run. */
final class EngineTestSupport {

  /** The quantised MiniLM: the fastest real model, used by every engine test. */
  static final String MODEL = "all-minilm-l6-v2-q";

  private EngineTestSupport() {}

  /**
   * Models are materialised into target/ once per build (not per test): extracting a model is a
   * one-time cost a user pays once too.
   */
  static ModelRegistry registry() {
    return new ModelRegistry(Path.of("target", "test-models").toAbsolutePath());
  }

  static TaskRunner tasks() {
    return new TaskRunner();
  }

  /** sample-corpora/documents of this repository (tests run with services/ as working dir). */
  static Path sampleDocuments() {
    Path p = Path.of("..", "sample-corpora", "documents").toAbsolutePath().normalize();
    if (!Files.isDirectory(p)) {
      throw new IllegalStateException("sample corpus missing: " + p);
    }
    return p;
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (var paths = Files.walk(from)) {
      for (Path p : paths.sorted().toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
