package io.sextant.services.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/**
 * Remembers that a model file had the expected SHA-256, next to the file, with the size,
 * modification time and file key (inode) it had then; while all three are unchanged the file is
 * not hashed again.
 *
 * <p>Why: every model load hashed the whole ONNX file (34 MB for the sample's int8 model, 90 MB
 * for an fp32 one), about 0.15-0.2 CPU-s in a fresh JVM, on the path to the first semantic search
 * of every start. Anything that rewrites, truncates or replaces the file (a re-import, a copy, a
 * crash mid-write, an editor) changes its size, time or inode and gets the full check again; what
 * this gives up is catching bytes changed in place with the time set back on purpose.
 */
final class ChecksumMemo {

  private ChecksumMemo() {}

  /** Whether {@code file} was verified to have {@code sha256} and has not changed since. */
  static boolean verified(Path file, String sha256) {
    try {
      Path memo = memoOf(file);
      if (!Files.isRegularFile(memo)) {
        return false;
      }
      return Files.readString(memo, StandardCharsets.UTF_8).strip().equals(line(file, sha256));
    } catch (IOException | RuntimeException e) {
      return false; // no memo, or an unreadable one: hash as before
    }
  }

  /** Notes that {@code file} has just been hashed to {@code sha256}; best effort. */
  static void remember(Path file, String sha256) {
    try {
      AtomicFiles.write(memoOf(file), (line(file, sha256) + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      // a read-only folder: the next load hashes again, as before
    }
  }

  private static Path memoOf(Path file) {
    return file.resolveSibling("." + file.getFileName() + ".sha256");
  }

  private static String line(Path file, String sha256) throws IOException {
    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
    Object key = a.fileKey();
    return sha256.toLowerCase(java.util.Locale.ROOT) + " " + a.size() + " "
        + a.lastModifiedTime().to(TimeUnit.NANOSECONDS) + " " + (key == null ? "-" : key);
  }
}
