package io.sextant.views.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sextant.services.search.ChunkHit;
import io.sextant.services.search.DocHit;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkedListsTest {

  static DocHit doc(String key) {
    ChunkHit c = new ChunkHit(key + "#0", key, key, key, "t", 0, 0, 0, 1, "t", List.of(), null, null, null, null, 1);
    return new DocHit(key, key, key, 1, List.of(c));
  }

  final LinkedLists linked = new LinkedLists(List.of(
      List.of(doc("a"), doc("b"), doc("c")),
      List.of(doc("c"), doc("a")),
      List.of(doc("a"), doc("d"))));

  @Test
  void ranksAreOneBasedAndZeroWhenAbsent() {
    assertEquals(2, linked.rank(1, "a"));
    assertEquals(0, linked.rank(1, "b"));
  }

  @Test
  void aFileOnlyOneListFoundIsUnique() {
    assertTrue(linked.unique(0, "b"));
    assertTrue(linked.unique(2, "d"));
    assertFalse(linked.unique(0, "c"));
  }

  @Test
  void elsewhereNamesTheOtherListsByLetter() {
    assertEquals("#2 in B · #1 in C", linked.elsewhere(0, "a"));
    assertEquals("#3 in A", linked.elsewhere(1, "c"));
    assertEquals("only here", linked.elsewhere(0, "b"));
  }
}
