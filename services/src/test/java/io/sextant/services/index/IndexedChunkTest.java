package io.sextant.services.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndexedChunkTest {

  private static IndexedChunk withVectors(Map<String, float[]> vectors) {
    return new IndexedChunk("c1", "/a/b.txt", 1, "/a/b.txt", "b", "txt", "/a", "text", 0, 0, 4, 0,
        0L, 4L, vectors);
  }

  @Test
  void rejectsAVectorThatIsNotUnitLength() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> withVectors(Map.of("m", new float[] {1f, 1f})));
    assertEquals("vector of model m for chunk c1 is not unit length", e.getMessage());
  }

  @Test
  void rejectsNonFiniteOrEmptyVectors() {
    assertThrows(IllegalArgumentException.class, () -> withVectors(Map.of("m", new float[0])));
    assertThrows(IllegalArgumentException.class,
        () -> withVectors(Map.of("m", new float[] {Float.NaN, 1f})));
  }

  @Test
  void rejectsAModelIdThatCannotNameAField() {
    assertThrows(IllegalArgumentException.class,
        () -> withVectors(Map.of("Bad Model", new float[] {1f})));
  }

  @Test
  void rejectsUpperCaseOrDottedFileTypesAndBadPositions() {
    assertThrows(IllegalArgumentException.class, () -> new IndexedChunk("c", "k", -1, "p", "t",
        "TXT", "", "x", 0, 0, 1, 0, 0, 0, Map.of()));
    assertThrows(IllegalArgumentException.class, () -> new IndexedChunk("c", "k", -1, "p", "t",
        ".txt", "", "x", 0, 0, 1, 0, 0, 0, Map.of()));
    assertThrows(IllegalArgumentException.class, () -> new IndexedChunk("c", "k", -1, "p", "t",
        "txt", "", "x", 0, 5, 1, 0, 0, 0, Map.of()));
    assertThrows(IllegalArgumentException.class, () -> new IndexedChunk("", "k", -1, "p", "t",
        "txt", "", "x", 0, 0, 1, 0, 0, 0, Map.of()));
    assertThrows(IllegalArgumentException.class, () -> new IndexedChunk("c", "k", -2, "p", "t",
        "txt", "", "x", 0, 0, 1, 0, 0, 0, Map.of()));
  }

  @Test
  void copiesVectorsSoLaterChangesDoNotLeakIn() {
    float[] v = {1f, 0f};
    Map<String, float[]> m = new HashMap<>(Map.of("m", v));
    IndexedChunk c = withVectors(m);
    v[0] = 0f;
    m.put("other", new float[] {0f, 1f});
    assertArrayEquals(new float[] {1f, 0f}, c.vectors().get("m"));
    assertEquals(List.of("m"), List.copyOf(c.vectors().keySet()));
    assertThrows(UnsupportedOperationException.class, () -> c.vectors().put("x", v));
  }

  @Test
  void listsEveryAncestorFolderNearestFirst() {
    assertEquals(List.of("/a/b/c", "/a/b", "/a", "/"), ChunkFields.ancestorFolders("/a/b/c/"));
    assertEquals(List.of(), ChunkFields.ancestorFolders(""));
    assertEquals("/a/b", ChunkFields.folderKey("/a/./b/"));
  }

  @Test
  void namesVectorFieldsAfterTheModel() {
    assertEquals("vec_bge-small", ChunkIndex.vectorField("bge-small"));
    assertEquals("bge-small", ChunkFields.modelOf("vec_bge-small"));
  }
}
