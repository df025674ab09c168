package io.sextant.services.engine;

import static io.sextant.services.engine.EngineTestSupport.MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sextant.services.index.IndexSettings;
import io.sextant.services.index.VectorEncoding;
import io.sextant.services.indexing.IngestListener;
import io.sextant.services.indexing.IngestReport;
import io.sextant.services.model.ModelRegistry;
import io.sextant.services.search.SearchMode;
import io.sextant.services.search.SearchRequest;
import io.sextant.services.task.Cancellation;
import io.sextant.services.task.TaskRunner;
import io.sextant.services.workspace.Workspace;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Changing HNSW or quantisation settings rebuilds the index from the catalog's embedding cache
 * without starting a model: no ONNX Runtime session is created, not even to read the model's
 * hash. Real quantised MiniLM, real SQLite catalog, real Lucene index.
 */
class RebuildWithoutModelTest {

  @TempDir Path tmp;

  @Test
  void newHnswAndEncodingSettingsRebuildFromTheCacheWithoutLoadingAnyModel() throws Exception {
    Path docs = tmp.resolve("docs");
    EngineTestSupport.copyTree(EngineTestSupport.sampleDocuments(), docs);
    Workspace ws = Workspace.at(tmp.resolve("ws"));
    ModelRegistry registry = EngineTestSupport.registry();
    try (TaskRunner tasks = EngineTestSupport.tasks()) {
      int chunks;
      try (Engine engine = Engine.open(ws, registry, tasks, c -> c.withModels(List.of(MODEL)))) {
        IngestReport r = engine.ingest(List.of(docs), IngestListener.NONE, new Cancellation());
        assertTrue(r.chunksEmbedded() > 0, r.toString());
        assertTrue(engine.loadedModels().contains(MODEL), "ingest ran the model");
        chunks = engine.index().numChunks();
      }

      for (IndexSettings settings : List.of(new IndexSettings(8, 40, VectorEncoding.INT4),
          new IndexSettings(24, 120, VectorEncoding.BINARY))) {
        // opening with other settings rebuilds before open returns
        try (Engine engine = Engine.open(ws, registry, tasks, c -> c.withIndex(settings))) {
          assertEquals(settings, engine.config().index());
          assertEquals(chunks, engine.index().numChunks(), "every chunk is back in the rebuilt index");
          assertEquals(settings, io.sextant.services.index.ChunkIndex.storedSettings(ws.indexDir()).orElseThrow());
          assertTrue(engine.loadedModels().isEmpty(), "the rebuild loaded " + engine.loadedModels());

          var again = engine.rebuild(IngestListener.NONE);
          assertEquals(chunks, again.chunks());
          assertEquals(0, again.embedded(), "every vector comes from the cache");
          assertTrue(engine.loadedModels().isEmpty(), "the rebuild loaded " + engine.loadedModels());

          // the vectors are usable: a semantic search (which does load the model, for the query)
          var hits = engine.search(SearchRequest.builder("inexpensive vegetarian supper from dried pulses",
              SearchMode.SEMANTIC).modelId(MODEL).k(3).build()).hits();
          assertFalse(hits.isEmpty());
          assertEquals("red-lentil-soup-recipe.md", Path.of(hits.get(0).path()).getFileName().toString());
          assertEquals(java.util.Set.of(MODEL), engine.loadedModels());
        }
      }
    }
  }
}
