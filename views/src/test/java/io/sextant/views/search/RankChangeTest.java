package io.sextant.views.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sextant.services.search.ChunkHit;
import io.sextant.services.search.DocHit;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RankChangeTest {

  static DocHit hit(int firstStageRank) {
    ChunkHit c = new ChunkHit("a#0", "a", "a", "A", "t", 0, 0, 0, 1, "t", List.of(), null, null,
        null, null, 1);
    return new DocHit("a", "a", "A", 1, List.of(c), firstStageRank);
  }

  @Test
  void aHitLiftedFromTwelfthToThirdShowsAnUpArrow() {
    RankChange c = RankChange.of(hit(12), 2).orElseThrow();
    assertEquals(new RankChange(12, 3), c);
    assertEquals(RankChange.Direction.UP, c.direction());
    assertEquals("↑ 12→3", c.badge());
  }

  @Test
  void aHitPushedDownShowsADownArrowAndOneThatStayedAnEqualsSign() {
    assertEquals("↓ 2→7", RankChange.of(hit(2), 6).orElseThrow().badge());
    assertEquals("= 4", RankChange.of(hit(4), 3).orElseThrow().badge());
  }

  @Test
  void aListThatWasNotReRankedShowsNoBadge() {
    assertTrue(RankChange.of(hit(0), 0).isEmpty());
  }

  @Test
  void ranksAreOneBased() {
    assertThrows(IllegalArgumentException.class, () -> new RankChange(0, 1));
  }

  @Property(seed = "20261205")
  void theDirectionAgreesWithTheRanks(@ForAll @IntRange(min = 1, max = 1000) int before,
      @ForAll @IntRange(min = 0, max = 999) int index) {
    RankChange c = RankChange.of(hit(before), index).orElseThrow();
    assertEquals(index + 1, c.after());
    assertEquals(Integer.signum(before - c.after()),
        switch (c.direction()) { case UP -> 1; case DOWN -> -1; case SAME -> 0; });
    assertTrue(c.badge().contains(Integer.toString(c.after())));
  }
}
