package io.sextant.services.judgments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sextant.services.eval.Qrels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BeirImportTest {

  @TempDir Path tmp;

  private Path beir(String queries, String qrels) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("beir"));
    Files.writeString(dir.resolve("queries.jsonl"), queries);
    Files.createDirectories(dir.resolve("qrels"));
    Files.writeString(dir.resolve("qrels/test.tsv"), qrels);
    return dir;
  }

  @Test
  void queriesAndJudgmentsAreMatchedToFilesByStem() throws Exception {
    Path dir = beir("""
        {"_id": "1", "text": "first query"}
        {"_id": "2", "text": "second query"}
        {"_id": "3", "text": "never judged"}
        {"_id": "4", "text": "judged on missing docs"}
        """, "query-id\tcorpus-id\tscore\n1\td1\t1\n1\td2\t2\n1\tgone\t1\n2\tdup\t1\n2\td1\t0\n4\tgone\t1\n");
    List<String> files = List.of("/ws/d1.txt", "/ws/sub/d2.pdf", "/ws/a/dup.txt", "/ws/b/dup.md");
    try (JudgmentStore s = JudgmentStore.openIn(tmp)) {
      var r = BeirImport.run(s, dir, "test", files);
      assertEquals(new BeirImport.Result(2, 3, 2, 1, 1), r);
      assertEquals(Map.of("/ws/d1.txt", 1, "/ws/sub/d2.pdf", 2), s.grades("1"));
      assertEquals(Map.of("/ws/d1.txt", 0), s.grades("2"));
      assertEquals("second query", s.text("2").orElseThrow());
      // judging the same text in the workbench adds to the imported query
      s.judge("first query", "/ws/a/dup.txt", 1);
      assertEquals(3, s.grades("1").size());
      Path out = tmp.resolve("qrels.txt");
      s.exportQrels(out, DocIds.STEM);
      assertEquals(Map.of("d1", 1, "d2", 2, "dup", 1), Qrels.read(out).judgments("1"));
    }
  }

  @Test
  void aFolderWithoutQrelsIsAClearError() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("notbeir"));
    Files.writeString(dir.resolve("queries.jsonl"), "{\"_id\":\"1\",\"text\":\"x\"}\n");
    try (JudgmentStore s = JudgmentStore.openIn(tmp)) {
      var e = assertThrows(java.io.IOException.class, () -> BeirImport.run(s, dir, "test", List.of()));
      assertTrue(e.getMessage().contains("qrels"), e.getMessage());
    }
  }

  @Test
  void aQrelsLineForAnUnknownQueryFailsAndSavesNothing() throws Exception {
    Path dir = beir("{\"_id\": \"1\", \"text\": \"q\"}\n", "1\td1\t1\n9\td1\t1\n");
    try (JudgmentStore s = JudgmentStore.openIn(tmp)) {
      var e = assertThrows(java.io.IOException.class, () -> BeirImport.run(s, dir, "test", List.of("/d1.txt")));
      assertTrue(e.getMessage().contains("query 9"), e.getMessage());
      assertEquals(List.of(), s.judgedQueries());
    }
  }

  @Test
  void sciFactTestQrelsImportWhenEveryDocumentIsAFile() throws Exception {
    Path scifact = Path.of(System.getProperty("sextant.shared.dir", "../shared"), "data", "scifact");
    assumeTrue(Files.isDirectory(scifact), "shared SciFact data not present");
    List<String> files = new ArrayList<>();
    for (String line : Files.readAllLines(scifact.resolve("qrels/test.tsv")).subList(1, 340)) {
      files.add("/corpus/" + line.split("\t")[1] + ".txt");
    }
    try (JudgmentStore s = JudgmentStore.openIn(tmp)) {
      var r = BeirImport.run(s, scifact, "test", files.stream().distinct().toList());
      assertEquals(300, r.queries());
      assertEquals(339, r.judgments());
      assertEquals(0, r.unmatchedDocs());
    }
  }
}
