package io.sextant.views.inspector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sextant.services.catalog.ChunkRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class PassageTextTest {

  static final String DOC = "Alpha beta gamma. Delta epsilon zeta. Eta theta iota.";

  static ChunkRecord chunk(int ordinal, int start, int end) {
    return new ChunkRecord(0, 1, ordinal, start, end, 0, 3, DOC.substring(start, end), null);
  }

  @Test
  void neighboursAreTrimmedOfTheTextTheyShareWithTheChunk() {
    ChunkRecord before = chunk(0, 0, 24);  // "Alpha beta gamma. Delta "
    ChunkRecord middle = chunk(1, 18, 37); // "Delta epsilon zeta."
    ChunkRecord after = chunk(2, 31, 53);  // "zeta. Eta theta iota."
    assertEquals("Alpha beta gamma. ", PassageText.leadIn(before, middle));
    assertEquals(" Eta theta iota.", PassageText.leadOut(middle, after));
  }

  @Test
  void neighboursThatDoNotOverlapAreShownWhole() {
    ChunkRecord a = chunk(0, 0, 17);
    ChunkRecord b = chunk(1, 18, 37);
    assertEquals(a.text(), PassageText.leadIn(a, b));
    assertEquals(b.text(), PassageText.leadOut(a, b));
  }

  @Test
  void queryWordsMarkWordsStartingWithThemButNotStopWords() {
    List<int[]> m = PassageText.matches("why do the tides rise", "Tides rise; the tide rises twice.");
    assertEquals(List.of("Tides", "rise", "rises"),
        m.stream().map(r -> "Tides rise; the tide rises twice.".substring(r[0], r[1])).toList());
  }

  @Test
  void aQueryOfOnlyStopWordsMarksNothing() {
    assertEquals(0, PassageText.matches("what is the", "what is the point").size());
  }

  @Test
  void reflowJoinsTypesetLinesButKeepsParagraphsAndListItems() {
    String pdf = "Earth facing the Moon is pulled a little more strongly than\nthe centre, and the centre  \n"
        + "  a little more strongly than the far side.\n\nWhy there are two tides\n\n"
        + "Corrections:\n- Index error\n- Dip of the\nhorizon\n2. Refraction";
    assertEquals("Earth facing the Moon is pulled a little more strongly than the centre, and the centre "
        + "a little more strongly than the far side.\n\nWhy there are two tides\n\n"
        + "Corrections:\n- Index error\n- Dip of the horizon\n2. Refraction", PassageText.reflow(pdf));
  }

  @Test
  void reflowLeavesTextWithoutLineBreaksAlone() {
    assertEquals("", PassageText.reflow(""));
    assertEquals("one line", PassageText.reflow("one line"));
    assertEquals("a\n\n\nb", PassageText.reflow("a\n\n\nb"));
  }
}
