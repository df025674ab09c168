package io.sextant.services.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sextant.services.model.TokenCounter;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants of the chunker over random texts; seeds are fixed so failures reproduce. */
class ChunkerPropertiesTest {

  /** Every non-whitespace character is a token: words are splittable only into characters. */
  private static final TokenCounter CHARS =
      text -> (int) text.codePoints().filter(c -> !Character.isWhitespace(c)).count();

  record Case(String text, int[] headings, ChunkerSettings settings) {
    ParsedDocument doc() {
      return new ParsedDocument(text, "", "", null, null, 0, "", "text/plain", null, headings, false);
    }

    @Override
    public String toString() {
      return "Case[" + settings + ", headings=" + java.util.Arrays.toString(headings) + ", text="
          + text.replace("\n", "\\n") + "]";
    }
  }

  @Property(tries = 400, seed = "20240611")
  void wordCountedChunksKeepEveryInvariant(@ForAll("cases") Case c) {
    checkInvariants(c, ChunkerTest.WORDS);
  }

  @Property(tries = 200, seed = "7")
  void characterCountedChunksKeepEveryInvariant(@ForAll("cases") Case c) {
    checkInvariants(c, CHARS);
  }

  @Property(tries = 300, seed = "8")
  void aCappedChunkerGivesExactlyTheFirstChunksOfAnUncappedOne(
      @ForAll("cases") Case c, @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 12) int cap) {
    for (TokenCounter counter : List.of(ChunkerTest.WORDS, CHARS)) {
      List<Chunk> all = new Chunker(counter, c.settings()).chunk(c.doc());
      Chunker.Result capped = new Chunker(counter, c.settings(), cap).chunkCapped(c.doc());
      assertEquals(all.subList(0, Math.min(cap, all.size())), capped.chunks(), "same first chunks");
      assertEquals(all.size() > cap, capped.capped(), "capped exactly when text was left out");
    }
  }

  private static void checkInvariants(Case c, TokenCounter counter) {
    String text = c.text();
    Chunker chunker = new Chunker(counter, c.settings());
    List<Chunk> chunks = chunker.chunk(c.doc());
    assertEquals(chunks, chunker.chunk(c.doc()), "deterministic");

    boolean[] covered = new boolean[text.length()];
    Chunk previous = null;
    for (int i = 0; i < chunks.size(); i++) {
      Chunk chunk = chunks.get(i);
      assertEquals(i, chunk.ordinal());
      assertFalse(chunk.text().isBlank(), "no empty chunks");
      assertEquals(chunk.text(), text.substring(chunk.start(), chunk.end()), "exact offsets");
      assertEquals(chunk.text().strip(), chunk.text(), "trimmed by offsets");
      assertEquals(counter.countTokens(chunk.text()), chunk.tokens(), "tokens counted");
      assertTrue(chunk.tokens() <= c.settings().targetTokens(),
          () -> "chunk over target: " + chunk + " in " + c);
      if (previous != null) {
        assertTrue(chunk.start() > previous.start() && chunk.end() > previous.end(), "in order");
        if (chunk.start() < previous.end()) {
          int overlap = counter.countTokens(text.substring(chunk.start(), previous.end()));
          assertTrue(overlap <= c.settings().overlapTokens(), () -> "overlap too big in " + c);
        }
      }
      for (int k = chunk.start(); k < chunk.end(); k++) {
        covered[k] = true;
      }
      previous = chunk;
    }
    for (int k = 0; k < text.length(); k++) {
      if (!Character.isWhitespace(text.charAt(k))) {
        int at = k;
        assertTrue(covered[k], () -> "character " + at + " not in any chunk: " + c);
      }
    }
  }

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<String> word = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(10);
    Arbitrary<String> capital = word.map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1));
    Arbitrary<String> longWord = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(20).ofMaxLength(90);
    Arbitrary<String> piece = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(30, word.map(w -> w + " ")),
        net.jqwik.api.Tuple.of(6, capital.map(w -> w + " ")),
        net.jqwik.api.Tuple.of(6, Arbitraries.of(". ", "? ", "! ", ".\n")),
        net.jqwik.api.Tuple.of(3, Arbitraries.of("\n\n", "\n \n", "\n\n\n", " \t ", "\n")),
        net.jqwik.api.Tuple.of(1, longWord),
        net.jqwik.api.Tuple.of(1, Arbitraries.of("日本語", "😀😀", "a\uD834\uDD1Eb ", "é ")));
    Arbitrary<String> text = piece.list().ofMaxSize(300).map(l -> String.join("", l));
    Arbitrary<ChunkerSettings> settings = Arbitraries.integers().between(1, 60)
        .flatMap(t -> Arbitraries.integers().between(0, t - 1).map(o -> new ChunkerSettings(t, o)));
    return Combinators.combine(text, settings, Arbitraries.doubles().between(0, 1).list().ofMaxSize(6))
        .as((t, s, fractions) -> new Case(t, fractions.stream()
            .mapToInt(f -> (int) (f * t.length())).sorted().distinct().toArray(), s));
  }
}
