package io.sextant.services.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BeirDatasetTest {

  @Test
  void loadsSciFactTestSplitWithJudgedQueriesOnly() throws Exception {
    Path dir = Path.of(System.getProperty("sextant.shared.dir", "../shared"), "data", "scifact");
    assumeTrue(Files.isDirectory(dir), "shared data absent: " + dir);
    var ds = BeirDataset.load(dir, "test");
    assertEquals(5183, ds.corpus().size());
    assertEquals(300, ds.queries().size());
    assertEquals(300, ds.qrels().size());
  }

  @Test
  void mtebTextJoinsTitleAndBodyWithASpace() {
    assertEquals("T body", new BeirDataset.Doc("1", "T", "body").mtebText());
    assertEquals("body", new BeirDataset.Doc("1", "", "body").mtebText());
  }

  @Test
  void malformedCorpusLineNamesFileAndLine(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("corpus.jsonl"), "{\"_id\":\"1\",\"text\":\"a\"}\n{broken\n");
    Files.writeString(dir.resolve("queries.jsonl"), "{\"_id\":\"q\",\"text\":\"a\"}\n");
    Files.createDirectories(dir.resolve("qrels"));
    Files.writeString(dir.resolve("qrels/test.tsv"), "query-id\tcorpus-id\tscore\nq\t1\t1\n");
    var e = assertThrows(java.io.IOException.class, () -> BeirDataset.load(dir, "test"));
    assertTrue(e.getMessage().contains("corpus.jsonl:2"), e.getMessage());
  }

  @Test
  void missingQrelsSplitIsReported(@TempDir Path dir) {
    var e = assertThrows(java.io.IOException.class, () -> BeirDataset.load(dir, "dev"));
    assertTrue(e.getMessage().contains("not a BEIR dataset folder"), e.getMessage());
  }
}
