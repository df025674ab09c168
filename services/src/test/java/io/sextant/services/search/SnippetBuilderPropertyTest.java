package io.sextant.services.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.lucene.analysis.en.EnglishAnalyzer;

/** Whitespace collapsing must never move a highlight off its word. */
class SnippetBuilderPropertyTest {

  private static final EnglishAnalyzer ANALYZER = new EnglishAnalyzer();

  @Provide
  Arbitrary<List<String>> pieces() {
    Arbitrary<String> word = Arbitraries.of("alpha", "Beta", "run", "runs", "the", "x", "naïve", "𝔘nicode");
    Arbitrary<String> space = Arbitraries.of(" ", "  ", "\n", "\t \n", " \r\n ");
    return Arbitraries.oneOf(word, space).list().ofMinSize(1).ofMaxSize(60);
  }

  @Property(tries = 300, afterFailure = AfterFailureMode.PREVIOUS_SEED)
  void highlightsCoverExactlyTheMatchedWords(@ForAll("pieces") List<String> pieces) {
    StringBuilder content = new StringBuilder();
    List<int[]> words = new ArrayList<>();
    for (String p : pieces) {
      if (!p.isBlank() && !content.isEmpty() && !Character.isWhitespace(content.charAt(content.length() - 1))) {
        content.append(' '); // keep words apart
      }
      if (!p.isBlank()) {
        words.add(new int[] {content.length(), content.length() + p.length()});
      }
      content.append(p);
    }
    // Highlight every other word.
    int[] starts = words.stream().filter(w -> words.indexOf(w) % 2 == 0).mapToInt(w -> w[0]).toArray();
    int[] ends = words.stream().filter(w -> words.indexOf(w) % 2 == 0).mapToInt(w -> w[1]).toArray();
    String text = content.toString();
    Snippet s = new SnippetBuilder().append(text, 0, text.length(), starts, ends, starts.length).build();

    assertFalse(s.text().contains("  ") || s.text().contains("\n") || s.text().contains("\t"));
    assertEquals(s.text(), s.text().strip());
    assertEquals(starts.length, s.highlights().size());
    for (int i = 0; i < starts.length; i++) {
      int[] h = s.highlights().get(i);
      assertEquals(text.substring(starts[i], ends[i]), s.text().substring(h[0], h[1]));
      if (i > 0) {
        assertTrue(s.highlights().get(i - 1)[1] < h[0], "ascending, disjoint");
      }
    }
  }

  @Property(tries = 200, afterFailure = AfterFailureMode.PREVIOUS_SEED)
  void leadingSnippetsAreBoundedAndHighlightAnalysedMatches(@ForAll("pieces") List<String> pieces) {
    String text = String.join("", pieces).repeat(5);
    Snippet s = LeadingSnippets.leading(ANALYZER, "text", text, LeadingSnippets.terms(ANALYZER, "text", "running"));
    assertTrue(s.text().length() <= LeadingSnippets.LEADING_CHARS + 2, s.text());
    for (int[] h : s.highlights()) {
      String word = s.text().substring(h[0], h[1]);
      assertTrue(word.equals("run") || word.equals("runs"), word);
    }
    assertFalse(s.text().isEmpty() && !text.isBlank());
  }
}
