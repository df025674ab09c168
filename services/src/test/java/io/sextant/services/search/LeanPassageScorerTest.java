package io.sextant.services.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

class LeanPassageScorerTest {

  @Test
  void scoresEveryPassageExactlyAsLucenesScorer() {
    SplittableRandom r = new SplittableRandom(11);
    PassageScorer lucene = new PassageScorer();
    PassageScorer lean = new LeanPassageScorer();
    String[] words = {"river", "run", "garden", "naïve", "x"};
    for (int p = 0; p < 5_000; p++) {
      Passage passage = new Passage();
      int start = r.nextInt(5_000);
      passage.setStartOffset(start);
      passage.setEndOffset(start + 12 + r.nextInt(400)); // room for the matches below
      int matches = r.nextInt(12);
      for (int m = 0; m < matches; m++) {
        int at = start + m;
        // a fresh BytesRef each time, as offsets enums hand them out: equal bytes, other objects
        passage.addMatch(at, at + 1, new BytesRef(words[r.nextInt(words.length)]), 1 + r.nextInt(30));
      }
      int contentLength = passage.getEndOffset() + r.nextInt(2_000);
      assertEquals(Float.floatToIntBits(lucene.score(passage, contentLength)),
          Float.floatToIntBits(lean.score(passage, contentLength)), "passage " + p);
    }
  }
}
