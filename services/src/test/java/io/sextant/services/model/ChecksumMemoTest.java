package io.sextant.services.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksumMemoTest {

  @Test
  void aFileHashedOnceIsTrustedUntilItChanges(@TempDir Path dir) throws Exception {
    Path f = Files.write(dir.resolve("model.onnx"), new byte[] {1, 2, 3, 4});
    String sha = Sha256.of(f);
    assertFalse(ChecksumMemo.verified(f, sha), "never hashed");
    ChecksumMemo.remember(f, sha);
    assertTrue(ChecksumMemo.verified(f, sha));
    assertFalse(ChecksumMemo.verified(f, "0".repeat(64)), "a different expected checksum");

    Files.write(f, new byte[] {9}, StandardOpenOption.APPEND);
    assertFalse(ChecksumMemo.verified(f, sha), "grown");
  }

  @Test
  void aFileRewrittenInPlaceWithTheSameSizeIsHashedAgain(@TempDir Path dir) throws Exception {
    Path f = Files.write(dir.resolve("model.onnx"), new byte[] {1, 2, 3, 4});
    String sha = Sha256.of(f);
    ChecksumMemo.remember(f, sha);
    FileTime t = Files.getLastModifiedTime(f);
    Files.write(f, new byte[] {1, 2, 3, 5});
    Files.setLastModifiedTime(f, FileTime.fromMillis(t.toMillis() + 1000)); // as a later write has
    assertFalse(ChecksumMemo.verified(f, sha));
  }

  @Test
  void aReplacedFileIsHashedAgainEvenWithTheSameSizeAndTime(@TempDir Path dir) throws Exception {
    Path f = Files.write(dir.resolve("model.onnx"), new byte[] {1, 2, 3, 4});
    String sha = Sha256.of(f);
    ChecksumMemo.remember(f, sha);
    FileTime t = Files.getLastModifiedTime(f);
    Path other = Files.write(dir.resolve("other"), new byte[] {7, 7, 7, 7});
    Files.setLastModifiedTime(other, t);
    Files.move(other, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING); // another inode
    assertFalse(ChecksumMemo.verified(f, sha));
  }
}
