package io.sextant.services.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of model files, computed while they are streamed so big files are read only once. */
final class Sha256 {
  private static final int BUFFER = 1 << 16;

  private Sha256() {}

  /** Lower-case hex SHA-256 of a file's content. */
  static String of(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return copy(in, OutputStream.nullOutputStream());
    }
  }

  /** Copies {@code in} to {@code out} and returns the lower-case hex SHA-256 of the bytes. */
  static String copy(InputStream in, OutputStream out) throws IOException {
    MessageDigest digest = newDigest();
    byte[] buffer = new byte[BUFFER];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      digest.update(buffer, 0, n);
      out.write(buffer, 0, n);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // Every Java SE implementation must provide SHA-256.
      throw new AssertionError(e);
    }
  }
}
