package io.sextant.services.judgments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sextant.services.eval.Qrels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JudgmentStoreTest {

  @TempDir Path tmp;

  @Test
  void judgmentsSurviveReopeningAndRegradingReplaces() throws Exception {
    try (JudgmentStore s = JudgmentStore.openIn(tmp)) {
      s.judge("solar panels", "/docs/a.pdf", 2);
      s.judge("  solar panels ", "/docs/b.txt", 0);
      s.judge("solar panels", "/docs/a.pdf", 1);
      s.judge("wind", "/docs/c.txt", 1);
    }
    try (JudgmentStore s = JudgmentStore.openIn(tmp)) {
      assertEquals(Map.of("/docs/a.pdf", 1, "/docs/b.txt", 0), s.gradesOf("solar panels"));
      List<SavedQuery> q = s.judgedQueries();
      assertEquals(List.of(new SavedQuery("q1", "solar panels", 2, 1), new SavedQuery("q2", "wind", 1, 1)), q);
      assertEquals(Map.of(), s.gradesOf("never judged"));
    }
    assertTrue(Files.exists(tmp.resolve(JudgmentStore.FILE_NAME)));
  }

  @Test
  void badGradesAndIdsAreRejectedWithoutWritingAnything() throws Exception {
    try (JudgmentStore s = JudgmentStore.openIn(tmp)) {
      assertThrows(IllegalArgumentException.class, () -> s.judge("q", "/a", -1));
      assertThrows(IllegalArgumentException.class, () -> s.judge("   ", "/a", 1));
      assertThrows(IllegalArgumentException.class, () -> s.putQuery("two words", "x"));
      s.putQuery("7", "first text");
      s.putQuery("7", "first text");
      var e = assertThrows(IllegalArgumentException.class, () -> s.putQuery("7", "another text"));
      assertTrue(e.getMessage().contains("first text"), e.getMessage());
      assertEquals(List.of(), s.judgedQueries());
    }
  }

  @Test
  void exportedQrelsReadBackAsTheSameJudgments() throws Exception {
    Path out = tmp.resolve("qrels.txt");
    try (JudgmentStore s = JudgmentStore.openIn(tmp)) {
      s.judge("q one", "/docs/my file.txt", 2);
      s.judge("q one", "/docs/100%.txt", 0);
      s.judge("q two", "/corpus/4983.txt", 1);
      assertEquals(3, s.exportQrels(out, DocIds.PATH));
    }
    assertEquals(List.of("q1 0 /docs/my%20file.txt 2", "q1 0 /docs/100%25.txt 0", "q2 0 /corpus/4983.txt 1"),
        Files.readAllLines(out));
    Qrels back = Qrels.read(out);
    assertEquals(Map.of("/docs/my%20file.txt", 2, "/docs/100%25.txt", 0), back.judgments("q1"));
  }

  @Test
  void stemIdsAreTheFileNameWithoutExtension() {
    assertEquals("4983", DocIds.STEM.docId("/corpus/4983.txt"));
    assertEquals("a.b", DocIds.STEM.docId("C:\\x\\a.b.pdf"));
    assertEquals(".hidden", DocIds.STEM.docId("/x/.hidden"));
    assertEquals("my%20notes", DocIds.STEM.docId("/x/my notes.md"));
  }
}
