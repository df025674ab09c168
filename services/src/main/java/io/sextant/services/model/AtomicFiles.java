package io.sextant.services.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Whole-file writes that readers (and a crash) never see half done. */
final class AtomicFiles {

  private AtomicFiles() {}

  /**
   * Writes {@code content} to a temporary file in {@code target}'s folder, then renames it over
   * {@code target}: the same folder keeps the rename atomic, so a crash or a full disk leaves at
   * most a stray temporary file, never a partial {@code target}.
   */
  static void write(Path target, byte[] content) throws IOException {
    Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), ".write", ".tmp");
    try {
      Files.write(tmp, content);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
