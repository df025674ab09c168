package io.sextant.services.natives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeLibraryCacheTest {

  private static final List<String> KEYS = List.of("org.sqlite.lib.path", "org.sqlite.lib.name",
      "org.sqlite.tmpdir", "onnxruntime.native.path");
  private final Map<String, String> saved = new HashMap<>();

  @BeforeEach
  void clearProperties() {
    for (String k : KEYS) {
      saved.put(k, System.getProperty(k));
      System.clearProperty(k);
    }
  }

  @AfterEach
  void restoreProperties() {
    for (String k : KEYS) {
      if (saved.get(k) == null) {
        System.clearProperty(k);
      } else {
        System.setProperty(k, saved.get(k));
      }
    }
  }

  @Test
  void extractsEachLibraryOnceAndPointsTheDriversAtTheCopy(@TempDir Path dir) throws Exception {
    List<String> set = new NativeLibraryCache(dir).install();
    assumeTrue(!set.isEmpty(), "no bundled native libraries for this platform");
    Path sqlite = Path.of(System.getProperty("org.sqlite.lib.path"), System.getProperty("org.sqlite.lib.name"));
    Path ortDir = Path.of(System.getProperty("onnxruntime.native.path"));
    Path ort = ortDir.resolve(System.mapLibraryName("onnxruntime"));
    assertTrue(sqlite.startsWith(dir) && ortDir.startsWith(dir), set.toString());
    assertTrue(Files.isRegularFile(ortDir.resolve(System.mapLibraryName("onnxruntime4j_jni"))));
    assertEquals(System.getProperty("org.sqlite.lib.path"), System.getProperty("org.sqlite.tmpdir"));
    assertEquals(crcOfResource("org/sqlite/native/", sqlite), crc(sqlite), "the copy has the jar's bytes");

    FileTime before = Files.getLastModifiedTime(ort);
    Files.setLastModifiedTime(ort, FileTime.fromMillis(before.toMillis() - 60_000));
    FileTime aged = Files.getLastModifiedTime(ort);
    clearProperties();
    List<String> again = new NativeLibraryCache(dir).install();
    assertEquals(set, again, "the same folders on the next start");
    assertEquals(aged, Files.getLastModifiedTime(ort), "a complete copy is not written again");
  }

  @Test
  void aTruncatedCopyIsExtractedAgain(@TempDir Path dir) throws Exception {
    List<String> set = new NativeLibraryCache(dir).install();
    assumeTrue(!set.isEmpty(), "no bundled native libraries for this platform");
    Path sqlite = Path.of(System.getProperty("org.sqlite.lib.path"), System.getProperty("org.sqlite.lib.name"));
    long size = Files.size(sqlite);
    Files.write(sqlite, new byte[100]); // a copy cut short, say by a crash of an older version
    clearProperties();
    new NativeLibraryCache(dir).install();
    assertEquals(size, Files.size(sqlite));
  }

  private static long crc(Path file) throws Exception {
    CRC32 crc = new CRC32();
    crc.update(Files.readAllBytes(file));
    return crc.getValue();
  }

  /** CRC-32 of the class-path resource the copy came from (found by its file name). */
  private static long crcOfResource(String prefix, Path copy) throws Exception {
    String os = System.getProperty("os.name").startsWith("Linux") ? "Linux" : System.getProperty("os.name").startsWith("Mac") ? "Mac" : "Windows";
    String arch = System.getProperty("os.arch").matches("amd64|x86_64") ? "x86_64" : "aarch64";
    try (var in = NativeLibraryCacheTest.class.getClassLoader()
        .getResourceAsStream(prefix + os + "/" + arch + "/" + copy.getFileName())) {
      CRC32 crc = new CRC32();
      crc.update(in.readAllBytes());
      return crc.getValue();
    }
  }
}
