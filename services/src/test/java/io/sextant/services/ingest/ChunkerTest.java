package io.sextant.services.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sextant.services.model.TokenCounter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ChunkerTest {

  /** One token per whitespace-separated word: additive, so sums are exact. */
  static final TokenCounter WORDS = text -> {
    int n = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); i++) {
      boolean ws = Character.isWhitespace(text.charAt(i));
      if (!ws && !inWord) {
        n++;
      }
      inWord = !ws;
    }
    return n;
  };

  private static String words(int from, int count) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < count; i++) {
      sb.append(i == 0 ? "" : " ").append("w").append(from + i);
    }
    return sb.toString();
  }

  @Test
  void emptyAndWhitespaceDocumentsGiveNoChunks() {
    Chunker chunker = new Chunker(WORDS, ChunkerSettings.DEFAULT);
    assertTrue(chunker.chunk("").isEmpty());
    assertTrue(chunker.chunk(" \n\n\t  \n").isEmpty());
  }

  @Test
  void shortTextIsOneTrimmedChunkWithExactOffsets() {
    String text = "\n\n  Hello world. This is short.  \n";
    List<Chunk> chunks = new Chunker(WORDS, ChunkerSettings.DEFAULT).chunk(text);
    assertEquals(1, chunks.size());
    Chunk c = chunks.get(0);
    assertEquals("Hello world. This is short.", c.text());
    assertEquals(c.text(), text.substring(c.start(), c.end()));
    assertEquals(5, c.tokens());
    assertEquals(0, c.page());
  }

  @Test
  void keepsParagraphsWholeWhenTheyFit() {
    // Three paragraphs of 6 words with a target of 14: two fit together, the third starts anew
    // rather than being split mid-paragraph.
    String p1 = "Alpha beta gamma delta epsilon zeta.";
    String p2 = "Eta theta iota kappa lambda mu.";
    String p3 = "Nu xi omicron pi rho sigma.";
    String text = p1 + "\n\n" + p2 + "\n\n" + p3;
    List<Chunk> chunks = new Chunker(WORDS, new ChunkerSettings(14, 0)).chunk(text);
    assertEquals(2, chunks.size());
    assertEquals(p1 + "\n\n" + p2, chunks.get(0).text());
    assertEquals(p3, chunks.get(1).text());
  }

  @Test
  void splitsLongParagraphsAtSentencesAndOverlapsWithWholeSentences() {
    StringBuilder sb = new StringBuilder();
    for (int s = 0; s < 20; s++) {
      // Capitalised: a full stop followed by a lower-case word does not end a sentence.
      sb.append("Start").append(s).append(' ').append(words(s * 5, 3)).append(" end. ");
    }
    String text = sb.toString().strip();
    List<Chunk> chunks = new Chunker(WORDS, new ChunkerSettings(20, 10)).chunk(text);
    assertTrue(chunks.size() > 4);
    for (int i = 0; i < chunks.size(); i++) {
      Chunk c = chunks.get(i);
      assertTrue(c.tokens() <= 20, c.toString());
      assertTrue(c.text().startsWith("Start"), "chunk starts at a sentence start: " + c.text());
      assertTrue(c.text().endsWith("."), "chunk ends at a sentence end: " + c.text());
      if (i > 0) {
        Chunk prev = chunks.get(i - 1);
        assertTrue(c.start() < prev.end(), "consecutive chunks overlap");
        assertTrue(WORDS.countTokens(text.substring(c.start(), prev.end())) <= 10);
      }
    }
  }

  @Test
  void splitsOverlongSentencesAtWordsAndOverlongWordsAtCharacters() {
    String sentence = words(0, 50);
    String blob = "x".repeat(100);
    TokenCounter chars = t -> (int) t.chars().filter(ch -> !Character.isWhitespace(ch)).count();
    List<Chunk> chunks = new Chunker(chars, new ChunkerSettings(30, 0)).chunk(sentence + " " + blob);
    String text = sentence + " " + blob;
    for (Chunk c : chunks) {
      assertTrue(c.tokens() <= 30, c.toString());
      assertEquals(c.text(), text.substring(c.start(), c.end()));
    }
    assertEquals(blob, String.join("", chunks.stream().map(Chunk::text)
        .filter(t -> t.matches("x+")).toList()));
  }

  @Test
  void prefersToStartChunksAtHeadingsAndNeverEndsOnOne() {
    String intro = words(0, 10);
    String h1 = "Heading One";
    String body1 = words(100, 10);
    String h2 = "Heading Two";
    String body2 = words(200, 10);
    String text = intro + "\n\n" + h1 + "\n\n" + body1 + "\n\n" + h2 + "\n\n" + body2;
    int[] headings = {text.indexOf(h1), text.indexOf(h2)};
    ParsedDocument doc = new ParsedDocument(text, "", "", null, null, 0, "", "text/html", null,
        headings, false);
    List<Chunk> chunks = new Chunker(WORDS, new ChunkerSettings(40, 8)).chunk(doc);
    // Everything would fit in one 40-token chunk, but sections start new chunks.
    assertEquals(3, chunks.size());
    assertTrue(chunks.get(1).text().startsWith(h1));
    assertTrue(chunks.get(2).text().startsWith(h2));
    assertEquals(intro, chunks.get(0).text(), "no overlap is carried into a new section");
  }

  @Test
  void headingWithoutRoomForItsSectionMovesToTheNextChunk() {
    // The intro is too small to close a chunk at the heading (5 < 40/4 tokens), so the heading
    // joins it; but the section's first sentence does not fit after it, and a chunk must not end
    // on a heading: the heading moves on with its section.
    String intro = words(0, 5);
    String heading = "Heading";
    String body = "Alpha " + words(100, 34) + ". Beta " + words(200, 34) + ".";
    String text = intro + "\n\n" + heading + "\n\n" + body;
    ParsedDocument doc = new ParsedDocument(text, "", "", null, null, 0, "", "", null,
        new int[] {text.indexOf(heading)}, false);
    List<Chunk> chunks = new Chunker(WORDS, new ChunkerSettings(40, 0)).chunk(doc);
    assertEquals(intro, chunks.get(0).text());
    assertTrue(chunks.get(1).text().startsWith(heading + "\n\nAlpha "), chunks.get(1).text());
    assertEquals(3, chunks.size());
  }

  @Test
  void tinySectionsMergeInsteadOfMakingTinyChunks() {
    String text = "H1\n\nshort one\n\nH2\n\nshort two\n\nH3\n\nshort three";
    int[] headings = {text.indexOf("H1"), text.indexOf("H2"), text.indexOf("H3")};
    ParsedDocument doc = new ParsedDocument(text, "", "", null, null, 0, "", "", null, headings, false);
    List<Chunk> chunks = new Chunker(WORDS, new ChunkerSettings(100, 10)).chunk(doc);
    assertEquals(1, chunks.size(), "sections under a quarter of the target are packed together");
  }

  @Test
  void pagesComeFromThePageStartOfEachChunk() {
    StringBuilder sb = new StringBuilder();
    List<Integer> starts = new ArrayList<>();
    for (int p = 0; p < 5; p++) {
      if (p > 0) {
        sb.append("\n\n");
      }
      starts.add(sb.length());
      sb.append("Page ").append(p + 1).append(' ').append(words(p * 100, 18)).append('.');
    }
    String text = sb.toString();
    ParsedDocument doc = new ParsedDocument(text, "", "", null, null, 5, "", "application/pdf",
        starts.stream().mapToInt(Integer::intValue).toArray(), null, false);
    List<Chunk> chunks = new Chunker(WORDS, new ChunkerSettings(20, 0)).chunk(doc);
    assertEquals(5, chunks.size());
    for (int p = 0; p < 5; p++) {
      assertEquals(p + 1, chunks.get(p).page());
      assertTrue(chunks.get(p).text().startsWith("Page " + (p + 1) + " "));
    }
  }

  @Test
  void countsEachPieceOfTextAFewTimesNotQuadratically() {
    AtomicLong countedChars = new AtomicLong();
    TokenCounter counting = t -> {
      countedChars.addAndGet(t.length());
      return WORDS.countTokens(t);
    };
    StringBuilder sb = new StringBuilder();
    for (int p = 0; p < 2_000; p++) {
      sb.append(words(p * 40, 30)).append(". ").append(words(p * 40 + 30, 9)).append(".\n\n");
    }
    String text = sb.toString();
    List<Chunk> chunks = new Chunker(counting, ChunkerSettings.DEFAULT).chunk(text);
    assertFalse(chunks.isEmpty());
    assertTrue(countedChars.get() < 5L * text.length(),
        "counted " + countedChars.get() + " chars for a text of " + text.length());
  }

  @Test
  void neverGivesTheCounterMoreThan64CharactersPerTargetTokenAtOnce() {
    // A log with one record per line and no blank lines: Java's sentence iterator does not break
    // at "disk.\n2026", so the whole text is one block and one sentence. And a long word that a
    // WordPiece tokenizer would count as a single [UNK] (WORDS counts it as one token too).
    String log = "2026-12-05 12:00:00 INFO worker 7 finished a request and wrote its state to disk.\n"
        .repeat(3_000);
    String word = "x".repeat(50_000);
    int target = 32;
    int limit = 64 * target;
    for (String text : List.of(log, word, log + word + " " + log)) {
      AtomicLong longest = new AtomicLong();
      TokenCounter recording = t -> {
        longest.accumulateAndGet(t.length(), Math::max);
        return WORDS.countTokens(t);
      };
      List<Chunk> chunks = new Chunker(recording, new ChunkerSettings(target, 4)).chunk(text);
      assertTrue(longest.get() <= limit,
          "counted " + longest.get() + " characters at once, limit " + limit);
      assertEquals(text.strip(), text.substring(chunks.get(0).start(), chunks.getLast().end()),
          "the chunks still span the whole text");
      for (Chunk c : chunks) {
        assertTrue(c.tokens() <= target, c.toString());
        assertEquals(c.text(), text.substring(c.start(), c.end()));
      }
    }
  }

  @Test
  void settingsRejectOverlapNotBelowTarget() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new ChunkerSettings(32, 32));
    assertTrue(e.getMessage().contains("overlapTokens"));
    assertThrows(IllegalArgumentException.class, () -> new ChunkerSettings(0, 0));
    assertThrows(IllegalArgumentException.class, () -> new ChunkerSettings(10, -1));
    assertEquals("chunker-v1:t256:o32", ChunkerSettings.DEFAULT.fingerprint());
  }
}
