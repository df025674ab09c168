package io.sextant.services.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Parses every file under {@code <sextant.shared.dir>/docs} once (about 90 real, messy files) and
 * checks what came out against what the folder's README and MANIFEST.tsv say about them.
 * Skipped when the shared data is absent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedDocsParserTest {

  private Path docs;
  /** Relative path to a ParsedDocument, a DocumentParseException, or any other Throwable (a bug). */
  private final Map<String, Object> results = new TreeMap<>();

  @BeforeAll
  void parseAll() throws IOException {
    String shared = System.getProperty("sextant.shared.dir");
    assumeTrue(shared != null && Files.isDirectory(Path.of(shared, "docs")), "no shared docs");
    docs = Path.of(shared, "docs");
    DocumentParser parser = new DocumentParser();
    List<Path> files;
    try (Stream<Path> s = Files.walk(docs)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path f : files) {
      String key = docs.relativize(f).toString().replace('\\', '/');
      try {
        results.put(key, parser.parse(f));
      } catch (DocumentParseException e) {
        results.put(key, e);
      } catch (Throwable t) {
        results.put(key, t);
      }
    }
  }

  private ParsedDocument parsed(String path) {
    Object r = results.get(path);
    assertInstanceOf(ParsedDocument.class, r, () -> path + " -> " + r);
    return (ParsedDocument) r;
  }

  private String failure(String path) {
    Object r = results.get(path);
    assertInstanceOf(DocumentParseException.class, r, () -> path + " -> " + r);
    return ((DocumentParseException) r).reason();
  }

  @Test
  void everyFileEitherParsesOrFailsWithAShortReason() {
    Map<String, Long> byOutcome = results.values().stream().collect(Collectors.groupingBy(
        r -> r instanceof ParsedDocument ? "parsed"
            : r instanceof DocumentParseException e ? e.kind().toString() : "BUG", TreeMap::new,
        Collectors.counting()));
    System.out.println("shared docs: " + results.size() + " files " + byOutcome);
    results.forEach((path, r) -> {
      if (r instanceof DocumentParseException e) {
        System.out.println("  " + path + ": " + e.reason());
        assertFalse(e.reason().isBlank());
        assertTrue(e.reason().length() < 260, e.reason());
      } else if (!(r instanceof ParsedDocument)) {
        fail(path + " threw something other than DocumentParseException", (Throwable) r);
      }
    });
  }

  @Test
  void textPdfsHavePagesAndPageStarts() {
    results.keySet().stream().filter(p -> p.startsWith("pdf/")).forEach(path -> {
      ParsedDocument doc = parsed(path);
      assertEquals("application/pdf", doc.contentType());
      assertTrue(doc.pageCount() > 0, path);
      assertEquals(doc.pageCount(), doc.pageStartCount(), path);
      assertFalse(doc.text().isBlank(), path);
    });
    ParsedDocument manual = parsed("pdf/debian-reference.en.pdf");
    assertEquals(261, manual.pageCount());
    assertEquals("Debian Reference", manual.title());
    assertEquals("en", manual.language());
    int page100 = manual.pageStarts()[99];
    assertEquals(100, manual.pageAt(page100));
    assertEquals(99, manual.pageAt(page100 - 1));
  }

  @Test
  void chunkingTheManualGivesChunksOnEveryPageInOrder() {
    ParsedDocument manual = parsed("pdf/debian-reference.en.pdf");
    List<Chunk> chunks = new Chunker(ChunkerTest.WORDS, ChunkerSettings.DEFAULT).chunk(manual);
    int lastPage = 0;
    java.util.Set<Integer> pages = new java.util.HashSet<>();
    for (Chunk c : chunks) {
      assertEquals(c.text(), manual.text().substring(c.start(), c.end()));
      assertTrue(c.tokens() <= 256);
      assertTrue(c.page() >= lastPage && c.page() <= 261, c.toString());
      lastPage = c.page();
      pages.add(c.page());
    }
    assertTrue(pages.size() > 200, "chunks start on " + pages.size() + " distinct pages");
  }

  @Test
  void officeHtmlMarkdownAndTextFilesGiveTextAndTitles() {
    for (String folder : List.of("docx/", "doc/", "pptx/", "odt-rtf/", "epub/", "html/", "markdown/", "text/")) {
      results.keySet().stream().filter(p -> p.startsWith(folder))
          .forEach(path -> assertFalse(parsed(path).text().isBlank(), path));
    }
    assertEquals("Sample Word Document", parsed("docx/testWORD.docx").title());
    assertTrue(parsed("docx/testWORD.docx").headingCount() > 0, "Word heading styles are headings");
    assertEquals("Keith Bennett", parsed("docx/testWORD.docx").author());
    assertEquals("Chapter 3. Choosing a Debian distribution",
        parsed("html/debian-faq-choosing.en.html").title());
    assertEquals("An ePub for Tika", parsed("epub/testEPUB.epub").title());
    assertTrue(parsed("odt-rtf/testOpenOffice2.odt").text().contains("Open Office"));
    assertTrue(parsed("markdown/testMARKDOWN.md").text().startsWith("# Title"));
    assertTrue(parsed("markdown/developers-reference-best-pkging-practices.rst").headingCount() > 10);
    assertTrue(parsed("text/russian.cp866.txt").text().startsWith("Однажды"), "cp866 decoded");
    // The zip's 136 text entries are all read, each starting a new section.
    assertTrue(parsed("text/moby.zip").headingCount() > 100);
  }

  @Test
  void passwordProtectedFilesSayEncrypted() {
    for (String path : List.of("encrypted/testODTEncrypted.odt",
        "encrypted/testPDF_no_extract_no_accessibility_owner_user.pdf",
        "encrypted/testPPT_protected_passtika.pptx", "encrypted/testWORD_protected_passtika.docx")) {
      assertEquals("encrypted (password-protected)", failure(path), path);
    }
    // An owner password only restricts editing: the text is readable.
    assertEquals(41, parsed("encrypted/testPDF_protected.pdf").pageCount());
  }

  @Test
  void brokenFilesFailWithSpecificReasonsOrYieldWhatIsReadable() {
    assertEquals("empty file", failure("broken/derived/zero-bytes.pdf"));
    assertTrue(failure("broken/testWORD_truncated.docx").startsWith("corrupt DOCX: "));
    assertTrue(failure("broken/derived/truncated-4KB_testWORD.docx").startsWith("corrupt DOCX: "));
    assertTrue(failure("broken/derived/corrupt-centraldir_testWORD_various.docx").startsWith("corrupt DOCX: "));
    // Content, not the extension, decides the format.
    assertEquals("application/pdf", parsed("broken/derived/pdf-with-docx-extension.docx").contentType());
    assertEquals("Sample Word Document", parsed("broken/derived/docx-with-pdf-extension.pdf").title());
    // One bad page does not lose the other 18.
    assertEquals(19, parsed("broken/testPDF_bad_page_303226.pdf").pageCount());
  }

  @Test
  void scannedPdfsWithoutATextLayerSayNoText() {
    assertTrue(failure("pdf-scanned/testOCR.pdf").startsWith("no text found"));
    assertTrue(failure("pdf-scanned/testPDF_jpeg2000.pdf").startsWith("no text found"));
  }
}
