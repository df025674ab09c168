package io.sextant.services.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sextant.services.indexing.IngestListener;
import io.sextant.services.model.ModelRegistry;
import io.sextant.services.search.SearchMode;
import io.sextant.services.search.SearchRequest;
import io.sextant.services.task.Cancellation;
import io.sextant.services.task.TaskRunner;
import io.sextant.services.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Searches run in a loop while ingests write to the same engine. No search may fail, and every
 * state a search can see holds whole files only: a file's chunks appear together, in one commit.
 */
class SearchDuringIngestTest {

  @TempDir Path tmp;

  @Test
  void searchesDuringAnIngestNeverFailOrSeeHalfAFile() throws Exception {
    ModelRegistry registry = EngineTestSupport.registry();
    List<Path> files;
    try (Stream<Path> s = Files.list(EngineTestSupport.sampleDocuments())) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    List<Map<String, Integer>> seen = new ArrayList<>();
    int searches = 0;
    try (TaskRunner tasks = EngineTestSupport.tasks();
        Engine engine = Engine.open(Workspace.at(tmp.resolve("ws")), registry, tasks,
            c -> c.withModels(List.of(EngineTestSupport.MODEL)))) {
      engine.embedder(EngineTestSupport.MODEL); // load the model before the race starts
      CompletableFuture<Void> ingest = CompletableFuture.runAsync(() -> {
        try {
          // three runs, so searches can land between several commits
          engine.ingest(files.subList(0, files.size() / 3), IngestListener.NONE, new Cancellation());
          engine.ingest(files.subList(0, 2 * files.size() / 3), IngestListener.NONE, new Cancellation());
          engine.ingest(List.of(EngineTestSupport.sampleDocuments()), IngestListener.NONE, new Cancellation());
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      while (!ingest.isDone() || searches == 0) {
        for (SearchMode mode : SearchMode.values()) {
          engine.search(SearchRequest.builder("tides and the moon", mode)
              .modelId(mode == SearchMode.KEYWORD ? null : EngineTestSupport.MODEL).k(10).build());
          searches++;
        }
        seen.add(engine.index().chunksPerDoc());
        Thread.sleep(2); // leave the ingest some CPU on a small machine
      }
      ingest.join();
      Map<String, Integer> complete = engine.catalog().chunkCountsByPath();
      complete.values().removeIf(n -> n == 0);
      assertEquals(complete, engine.index().chunksPerDoc());
      for (Map<String, Integer> state : seen) {
        for (var e : state.entrySet()) {
          assertEquals(complete.get(e.getKey()), e.getValue(), "a search saw part of " + e.getKey());
        }
      }
    }
    assertTrue(searches > 3, "searches ran during the ingest: " + searches);
    System.out.println("search during ingest: " + searches + " searches, " + seen.stream().distinct().count()
        + " distinct index states");
  }
}
