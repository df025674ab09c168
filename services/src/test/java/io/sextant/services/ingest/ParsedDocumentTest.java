package io.sextant.services.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ParsedDocumentTest {

  private static ParsedDocument withPages(String text, int... starts) {
    return new ParsedDocument(text, null, null, null, null, starts.length, null, null, starts, null, false);
  }

  @Test
  void pageAtFindsThePageContainingAnOffset() {
    ParsedDocument doc = withPages("aaaa\n\nbbbb\n\ncccc", 0, 6, 12);
    assertEquals(1, doc.pageAt(0));
    assertEquals(1, doc.pageAt(5));
    assertEquals(2, doc.pageAt(6));
    assertEquals(2, doc.pageAt(11));
    assertEquals(3, doc.pageAt(12));
    assertEquals(3, doc.pageAt(16));
  }

  @Test
  void emptyPagesShareAnOffsetAndTheLastOfThemOwnsTheText() {
    ParsedDocument doc = withPages("aaaa\n\nbbbb", 0, 6, 6);
    assertEquals(3, doc.pageAt(6));
  }

  @Test
  void noPagesMeansPageZero() {
    assertEquals(0, ParsedDocument.ofText("abc").pageAt(1));
  }

  @Test
  void rejectsOffsetsOutOfOrderOrBeyondTheText() {
    assertThrows(IllegalArgumentException.class, () -> withPages("abc", 2, 1));
    assertThrows(IllegalArgumentException.class, () -> withPages("abc", 0, 4));
    assertThrows(IllegalArgumentException.class, () -> withPages("abc", 0).pageAt(-1));
  }

  @Test
  void arraysAreCopiedSoTheRecordStaysImmutable() {
    int[] starts = {0, 2};
    ParsedDocument doc = withPages("abcd", starts);
    starts[1] = 3;
    doc.pageStarts()[1] = 3;
    assertEquals(2, doc.pageAt(2));
    assertEquals(doc, withPages("abcd", 0, 2));
  }
}
