package io.sextant.services.engine;

import static io.sextant.services.engine.EngineTestSupport.MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sextant.services.browse.WorkspaceBrowser;
import io.sextant.services.catalog.FileRecord;
import io.sextant.services.indexing.IngestListener;
import io.sextant.services.indexing.IngestReport;
import io.sextant.services.search.DocHit;
import io.sextant.services.search.SearchMode;
import io.sextant.services.search.SearchRequest;
import io.sextant.services.task.Cancellation;
import io.sextant.services.task.TaskRunner;
import io.sextant.services.workspace.Workspace;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A huge text file gives at most the per-file number of chunks, is marked "truncated" in the
 * catalog, the report and the Problems list, and its first part is searchable.
 */
class ChunkCapTest {

  @TempDir Path tmp;

  @AfterEach
  void clearProperty() {
    System.clearProperty(Engine.MAX_CHUNKS_PER_FILE_PROPERTY);
  }

  @Test
  void aHugeTextFileIsIndexedUpToTheCapAndNotedAsTruncated() throws Exception {
    Path docs = Files.createDirectories(tmp.resolve("docs"));
    Path huge = docs.resolve("huge.log");
    writeText(huge, 8_000_000); // ~8 MB: some 8,000 chunks uncapped
    Files.writeString(docs.resolve("small.txt"), "A short note about lighthouses and their keepers.");
    System.setProperty(Engine.MAX_CHUNKS_PER_FILE_PROPERTY, "40");

    try (TaskRunner tasks = EngineTestSupport.tasks();
        Engine engine = Engine.open(Workspace.at(tmp.resolve("ws")), EngineTestSupport.registry(), tasks,
            c -> c.withModels(List.of(MODEL)))) {
      IngestReport r = engine.ingest(List.of(docs), IngestListener.NONE, new Cancellation());
      assertEquals(2, r.filesIndexed());
      assertEquals(0, r.filesFailed());
      assertEquals(1, r.notes().size(), r.notes().toString());
      IngestReport.Failure note = r.notes().get(0);
      assertEquals(huge.toString(), note.path());
      assertEquals("truncated", note.kind());
      assertTrue(note.reason().contains("only the first 40 passages"), note.reason());
      assertEquals(40, engine.index().chunksPerDoc().get(huge.toString()));
      assertEquals(40, engine.catalog().chunks(engine.catalog().file(huge.toString()).orElseThrow().id()).size());

      List<FileRecord> problems = new WorkspaceBrowser(engine.catalog()).failures();
      assertEquals(List.of(huge.toString()), problems.stream().map(FileRecord::path).toList());
      assertEquals("truncated", problems.get(0).errorKind());

      assertEquals(List.of(huge.toString()), keyword(engine, "zanzibarfirstmarker"), "the start is searchable");
      assertEquals(List.of(), keyword(engine, "zanzibarlastmarker"), "the end is not");

      IngestReport again = engine.ingest(List.of(docs), IngestListener.NONE, new Cancellation());
      assertEquals(2, again.filesUnchanged());
      assertEquals(1, engine.catalog().notedFiles().size(), "the note stays while the file is unchanged");
    }
  }

  private static List<String> keyword(Engine engine, String word) throws IOException {
    return engine.search(SearchRequest.builder(word, SearchMode.KEYWORD).k(5).build())
        .hits().stream().map(DocHit::path).toList();
  }

  /** Log-like English text with a marker word at the very start and the very end. */
  private static void writeText(Path file, long chars) throws IOException {
    String[] words = ("the server started a worker process and wrote its state to disk while the queue"
        + " of requests grew slowly during the night until a timeout closed every idle connection").split(" ");
    Random random = new Random(11);
    long written = 0;
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      w.write("zanzibarfirstmarker opens the log.\n\n");
      while (written < chars) {
        StringBuilder line = new StringBuilder();
        for (int s = 0; s < 4; s++) {
          int n = 6 + random.nextInt(12);
          for (int i = 0; i < n; i++) {
            line.append(i == 0 ? "" : " ").append(words[random.nextInt(words.length)]);
          }
          line.append(". ");
        }
        line.append("\n\n");
        w.write(line.toString());
        written += line.length();
      }
      w.write("zanzibarlastmarker closes the log.\n");
    }
  }
}
