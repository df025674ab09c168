package io.sextant.services.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sextant.services.ingest.DocumentParseException.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing files generated on the fly; real-world files are in {@link SharedDocsParserTest}. */
class DocumentParserTest {

  private static final DocumentParser PARSER = new DocumentParser();

  @TempDir Path tmp;

  private Path write(String name, String content) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void plainTextKeepsParagraphsAndNormalisesLineEnds() throws Exception {
    Path f = write("notes.txt", "First line\r\nsecond line\r\n\r\n\r\n\r\nNew paragraph.   \r\n");
    ParsedDocument doc = PARSER.parse(f);
    assertEquals("First line\nsecond line\n\nNew paragraph.", doc.text());
    assertTrue(doc.contentType().startsWith("text/plain"), doc.contentType());
    assertEquals(0, doc.pageCount());
    assertEquals(0, doc.pageAt(5));
    assertFalse(doc.truncated());
  }

  @Test
  void htmlBlocksBecomeParagraphsAndHeadingsAreRecorded() throws Exception {
    Path f = write("page.html", """
        <html><head><title>The Title</title><meta name="author" content="Ann Author">
        <style>p { color: red }</style><script>var x = 1;</script></head>
        <body><h1>Intro</h1><p>Hello <b>bold</b> world.</p><p>Line one<br>line two</p>
        <ul><li>item a</li><li>item b</li></ul>
        <h2>Details</h2><table><tr><td>c1</td><td>c2</td></tr></table></body></html>
        """);
    ParsedDocument doc = PARSER.parse(f);
    assertEquals("Intro\n\nHello bold world.\n\nLine one\nline two\n\nitem a\n\nitem b\n\nDetails\n\nc1\tc2",
        doc.text());
    assertEquals("The Title", doc.title());
    assertEquals("Ann Author", doc.author());
    assertEquals(2, doc.headingCount());
    assertEquals(doc.text().indexOf("Intro"), doc.headingStart(0));
    assertEquals(doc.text().indexOf("Details"), doc.headingStart(1));
  }

  @Test
  void markdownHeadingsAreFoundInThePlainText() throws Exception {
    Path f = write("readme.md", "# Top\n\nSome text.\n\n```\n# not a heading\n```\n\nSetext\n======\n\n## Sub\nmore");
    ParsedDocument doc = PARSER.parse(f);
    int[] expected = {doc.text().indexOf("# Top"), doc.text().indexOf("Setext"), doc.text().indexOf("## Sub")};
    assertEquals(Arrays.toString(expected), Arrays.toString(doc.headingStarts()));
  }

  @Test
  void emptyAndBlankFilesFailWithSpecificReasons() throws Exception {
    DocumentParseException empty =
        assertThrows(DocumentParseException.class, () -> PARSER.parse(write("empty.txt", "")));
    assertEquals("empty file", empty.reason());
    assertEquals(Kind.EMPTY, empty.kind());
    DocumentParseException blank =
        assertThrows(DocumentParseException.class, () -> PARSER.parse(write("blank.txt", " \n\n\t ")));
    assertEquals("no text found", blank.reason());
  }

  @Test
  void missingFileIsUnreadable() {
    DocumentParseException e =
        assertThrows(DocumentParseException.class, () -> PARSER.parse(tmp.resolve("gone.pdf")));
    assertEquals(Kind.UNREADABLE, e.kind());
    assertEquals("file not found", e.reason());
  }

  @Test
  void unknownBinaryIsAnUnsupportedFormat() throws Exception {
    Path f = tmp.resolve("blob.bin");
    byte[] bytes = new byte[4096];
    new java.util.Random(42).nextBytes(bytes);
    Files.write(f, bytes);
    DocumentParseException e = assertThrows(DocumentParseException.class, () -> PARSER.parse(f));
    assertEquals(Kind.UNSUPPORTED, e.kind());
    assertEquals("unsupported format: application/octet-stream", e.reason());
  }

  @Test
  void writeLimitKeepsTheStartAndFlagsTruncation() throws Exception {
    Path f = write("long.txt", "word ".repeat(10_000));
    ParsedDocument doc = new DocumentParser(1_000).parse(f);
    assertTrue(doc.truncated());
    assertTrue(doc.text().length() <= 1_000, "length " + doc.text().length());
    assertTrue(doc.text().startsWith("word word"));
  }

  @Test
  void detectsTheLanguageOfLongEnoughText() throws Exception {
    String english = "The committee met on Tuesday to discuss the budget for the coming year. "
        + "Members agreed that the library needs new shelves and that the roof must be repaired "
        + "before the winter, when heavy rain is expected to cause further damage to the books.";
    assertEquals("en", PARSER.parse(write("en.txt", english)).language());
    String german = "Der Ausschuss traf sich am Dienstag, um den Haushalt für das kommende Jahr zu "
        + "besprechen. Die Mitglieder waren sich einig, dass die Bibliothek neue Regale braucht und "
        + "das Dach vor dem Winter repariert werden muss.";
    assertEquals("de", PARSER.parse(write("de.txt", german)).language());
    assertEquals("", PARSER.parse(write("short.txt", "Hello there")).language());
  }

  @Test
  void rejectsANonPositiveWriteLimit() {
    assertThrows(IllegalArgumentException.class, () -> new DocumentParser(0));
  }
}
