package io.sextant.services.ingest.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sextant.services.ingest.DocumentParseException;
import io.sextant.services.ingest.DocumentParseException.Kind;
import io.sextant.services.ingest.DocumentParser;
import io.sextant.services.ingest.FileWalker;
import io.sextant.services.ingest.ParsedDocument;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real worker JVMs parsing real and generated hostile files: each bad file fails with its own
 * kind and the next file still parses.
 */
class IsolatedParserTest {

  @TempDir static Path tmp;
  static IsolatedParser parser;

  @BeforeAll
  static void start() {
    parser = new IsolatedParser(ParserLimits.defaults().withHeapMb(256));
  }

  @AfterAll
  static void stop() {
    parser.close();
  }

  static Path write(String name, String text) throws IOException {
    Path f = tmp.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  static Path sampleDocs() {
    return Path.of("..", "sample-corpora", "documents").toAbsolutePath().normalize();
  }

  static Path sharedDocs() {
    String shared = System.getProperty("sextant.shared.dir");
    return shared == null ? null : Path.of(shared, "docs");
  }

  @Test
  void workerGivesTheSameDocumentAsTheInProcessParser() throws Exception {
    DocumentParser local = new DocumentParser();
    List<Path> files;
    try (var s = Files.list(sampleDocs())) {
      files = s.filter(Files::isRegularFile).sorted().limit(6).toList();
    }
    for (Path f : files) {
      ParsedDocument expected;
      try {
        expected = local.parse(f);
      } catch (DocumentParseException e) {
        DocumentParseException got = assertThrows(DocumentParseException.class, () -> parser.parse(f));
        assertEquals(e.kind(), got.kind(), f.toString());
        assertEquals(e.reason(), got.reason(), f.toString());
        continue;
      }
      ParsedDocument got = parser.parse(f);
      assertEquals(expected.text(), got.text(), f.toString());
      assertEquals(expected.title(), got.title());
      assertEquals(expected.contentType(), got.contentType());
      assertEquals(expected.pageCount(), got.pageCount());
      assertTrue(java.util.Arrays.equals(expected.pageStarts(), got.pageStarts()), f.toString());
      assertTrue(java.util.Arrays.equals(expected.headingStarts(), got.headingStarts()), f.toString());
      assertEquals(expected.created(), got.created());
    }
  }

  @Test
  void aFileThatTakesTooLongTimesOutAndTheNextFileStillParses() throws Exception {
    Path big = slowFile();
    // Reading 160 MB into text takes several seconds; the limit stops it after two.
    try (IsolatedParser quick = new IsolatedParser(ParserLimits.defaults().withTimeout(Duration.ofSeconds(2))
        .withWriteLimit(200_000_000).withHeapMb(1024))) {
      quick.parse(write("warm.txt", "a small file that starts the worker before the clock matters"));
      DocumentParseException e = assertThrows(DocumentParseException.class, () -> quick.parse(big));
      assertEquals(Kind.TIMEOUT, e.kind(), e.reason());
      assertTrue(e.reason().startsWith("timed out"), e.reason());
      assertEquals("after the timeout", quick.parse(write("after.txt", "after the timeout")).text().strip());
      assertEquals(1, quick.restarts());
    }
  }

  @Test
  void aFileThatNeedsMoreThanTheHeapBoundFailsAsOutOfMemory() throws Exception {
    Path big = tmp.resolve("huge-text.txt");
    writeText(big, 48L << 20);
    try (IsolatedParser small = new IsolatedParser(ParserLimits.defaults().withHeapMb(48).withWriteLimit(60_000_000))) {
      DocumentParseException e = assertThrows(DocumentParseException.class, () -> small.parse(big));
      assertEquals(Kind.OUT_OF_MEMORY, e.kind(), e.reason());
      assertTrue(e.reason().contains("48 MB"), e.reason());
      assertEquals("still alive", small.parse(write("alive.txt", "still alive")).text().strip());
    }
  }

  @Test
  void aWorkerKilledMidFileCostsThatFileOnly() throws Exception {
    Path big = slowFile();
    try (IsolatedParser p = new IsolatedParser(ParserLimits.defaults().withWriteLimit(200_000_000).withHeapMb(1024))) {
      p.parse(write("warm2.txt", "warm up"));
      CompletableFuture<Object> result = CompletableFuture.supplyAsync(() -> {
        try {
          return p.parse(big);
        } catch (DocumentParseException e) {
          return e;
        }
      });
      Thread.sleep(1000);
      for (long pid : p.workerPids()) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
      Object r = result.get(60, TimeUnit.SECONDS);
      assumeTrue(r instanceof DocumentParseException, "the parse finished before the kill");
      DocumentParseException e = (DocumentParseException) r;
      assertEquals(Kind.CRASH, e.kind(), e.reason());
      assertTrue(e.reason().contains("killed"), e.reason());
      assertEquals("next", p.parse(write("next.txt", "next")).text().strip());
    }
  }

  @Test
  void aOneGigabyteTextFileIsStreamedWithBoundedMemoryAndTruncated() throws Exception {
    Path huge = tmp.resolve("one-gigabyte.txt");
    writeText(huge, 1L << 30);
    assertEquals(1L << 30, Files.size(huge));
    // 256 MB of heap cannot hold a gigabyte (2 GB as Java chars): the text must be streamed.
    try (IsolatedParser p = new IsolatedParser(ParserLimits.defaults().withHeapMb(256).withWriteLimit(2_000_000))) {
      ParsedDocument d = p.parse(huge);
      assertTrue(d.truncated());
      assertTrue(d.text().length() <= 2_000_000 && d.text().length() > 1_000_000, "" + d.text().length());
    } finally {
      Files.delete(huge);
    }
  }

  @Test
  void aZipBombIsStoppedAsTooLarge() throws Exception {
    Path bomb = tmp.resolve("bomb.zip");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(bomb))) {
      zip.setLevel(9);
      zip.putNextEntry(new ZipEntry("zeros.txt"));
      byte[] line = ("a".repeat(79) + "\n").getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < (40 << 20) / line.length; i++) {
        zip.write(line);
      }
      zip.closeEntry();
    }
    // 40 MB in ~140 KB: past the write limit (20 M chars) that is over 100 chars per byte.
    assertTrue(Files.size(bomb) < 190_000, "the bomb is small on disk: " + Files.size(bomb));
    DocumentParseException e = assertThrows(DocumentParseException.class, () -> parser.parse(bomb));
    assertEquals(Kind.TOO_LARGE, e.kind(), e.reason());
  }

  @Test
  void deeplyNestedHtmlGivesItsTextOrACleanFailure() throws Exception {
    StringBuilder html = new StringBuilder("<html><body>");
    html.append("<div>".repeat(200_000)).append("deep text at the bottom").append("</div>".repeat(200_000));
    html.append("</body></html>");
    Path f = write("nested.html", html.toString());
    try {
      ParsedDocument d = parser.parse(f);
      assertTrue(d.text().contains("deep text at the bottom"));
    } catch (DocumentParseException e) {
      assertTrue(e.kind() == Kind.TOO_LARGE || e.kind() == Kind.CORRUPT, e.kind() + ": " + e.reason());
    }
    assertEquals("fine", parser.parse(write("fine.txt", "fine")).text().strip());
  }

  @Test
  void emptyFileFailsAsEmpty() throws Exception {
    Path f = tmp.resolve("empty.txt");
    Files.createFile(f);
    assertEquals(Kind.EMPTY, assertThrows(DocumentParseException.class, () -> parser.parse(f)).kind());
  }

  @Test
  void aNameThatIsNotValidUtf8StillParses() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("badnames"));
    // Java strings cannot spell such a name; the shell writes the raw byte 0xFF.
    Process p = new ProcessBuilder("sh", "-c", "printf 'text under a broken name' > \"$(printf 'bad\\377name.txt')\"")
        .directory(dir.toFile()).inheritIO().start();
    assumeTrue(p.waitFor() == 0, "sh could not create the file");
    List<Path> files = new FileWalker(List.of(dir)).list().files();
    assertEquals(1, files.size());
    assertEquals("text under a broken name", parser.parse(files.get(0)).text().strip());
  }

  @Test
  void contentDecidesTheTypeWhenTheExtensionLies() throws Exception {
    Path docs = sharedDocs();
    assumeTrue(docs != null && Files.isDirectory(docs), "no shared docs");
    ParsedDocument pdf = parser.parse(docs.resolve("broken/derived/pdf-with-docx-extension.docx"));
    assertEquals("application/pdf", pdf.contentType());
    ParsedDocument docx = parser.parse(docs.resolve("broken/derived/docx-with-pdf-extension.pdf"));
    assertTrue(docx.contentType().contains("wordprocessingml"), docx.contentType());
  }

  @Test
  void encryptedDocumentsAreReportedAsEncrypted() throws Exception {
    Path docs = sharedDocs();
    assumeTrue(docs != null && Files.isDirectory(docs), "no shared docs");
    for (String f : List.of("encrypted/testWORD_protected_passtika.docx", "encrypted/testPPT_protected_passtika.pptx",
        "encrypted/testPDF_no_extract_no_accessibility_owner_user.pdf")) {
      DocumentParseException e = assertThrows(DocumentParseException.class, () -> parser.parse(docs.resolve(f)), f);
      assertEquals(Kind.ENCRYPTED, e.kind(), f + ": " + e.reason());
      assertEquals("encrypted (password-protected)", e.reason());
    }
  }

  private static Path slow;

  /** 160 MB of text: reading it into one string takes several seconds. */
  static synchronized Path slowFile() throws IOException {
    if (slow == null) {
      slow = tmp.resolve("slow.txt");
      writeText(slow, 160L << 20);
    }
    return slow;
  }

  /** Writes about {@code bytes} of plain English-like lines, streamed. */
  static void writeText(Path f, long bytes) throws IOException {
    byte[] block;
    StringBuilder sb = new StringBuilder();
    int n = 0;
    while (sb.length() < (1 << 20)) {
      sb.append("line ").append(n++).append(": the quick brown fox jumps over the lazy dog again\n");
    }
    block = sb.toString().getBytes(StandardCharsets.US_ASCII);
    try (OutputStream out = Files.newOutputStream(f)) {
      long left = bytes;
      while (left > 0) {
        int len = (int) Math.min(left, block.length);
        out.write(block, 0, len);
        left -= len;
      }
    }
  }
}
