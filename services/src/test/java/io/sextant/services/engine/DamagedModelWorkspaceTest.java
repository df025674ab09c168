package io.sextant.services.engine;

import static io.sextant.services.engine.EngineTestSupport.MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sextant.services.indexing.IngestListener;
import io.sextant.services.model.InvalidModelException;
import io.sextant.services.model.ModelFolder;
import io.sextant.services.model.ModelImporter;
import io.sextant.services.model.ModelRegistry;
import io.sextant.services.search.DocHit;
import io.sextant.services.search.SearchMode;
import io.sextant.services.search.SearchRequest;
import io.sextant.services.task.Cancellation;
import io.sextant.services.task.TaskRunner;
import io.sextant.services.workspace.Workspace;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workspace indexed with an imported model whose model.onnx is later truncated: the workspace
 * still opens, keyword search still works, semantic search fails naming the model, and a settings
 * change that needs the damaged model fails without emptying the index.
 */
class DamagedModelWorkspaceTest {

  @TempDir Path tmp;

  @Test
  void aWorkspaceWhoseModelWasDamagedOpensKeepsItsIndexAndCanSwitchToAnotherModel() throws Exception {
    Path modelsDir = tmp.resolve("models");
    Path source = tmp.resolve("export");
    ModelRegistry registry = importBuiltinCopyAsMine(source, modelsDir);
    Workspace ws = Workspace.at(tmp.resolve("ws"));

    List<String> keywordHits;
    int chunks;
    try (TaskRunner tasks = EngineTestSupport.tasks()) {
      try (Engine engine = Engine.open(ws, registry, tasks, c -> c.withModels(List.of("mine")))) {
        engine.ingest(List.of(EngineTestSupport.sampleDocuments()), IngestListener.NONE, new Cancellation());
        keywordHits = keyword(engine);
        chunks = engine.index().numChunks();
        assertFalse(keywordHits.isEmpty());
      }
      Path onnx = modelsDir.resolve("mine").resolve(ModelFolder.ONNX_FILE);
      try (FileChannel ch = FileChannel.open(onnx, StandardOpenOption.WRITE)) {
        ch.truncate(ch.size() / 2);
      }

      try (Engine engine = Engine.open(ws, registry, tasks, c -> c)) {
        assertEquals(keywordHits, keyword(engine), "keyword search needs no model");
        var e = assertThrows(InvalidModelException.class, () -> engine.search(
            SearchRequest.builder("how do plants make sugar", SearchMode.SEMANTIC).modelId("mine").k(5).build()));
        assertTrue(e.getMessage().startsWith("model 'mine' is damaged"), e.getMessage());
      }

      // A second import damaged before it was ever used: adding it rebuilds the index, which needs
      // its vectors, and it fails to open half-way. ("mine" itself is served by the embedding cache.)
      Path second = Files.createDirectories(modelsDir.resolve("mine2"));
      for (String f : List.of(ModelFolder.ONNX_FILE, ModelFolder.TOKENIZER_FILE)) {
        Files.copy(modelsDir.resolve("mine").resolve(f), second.resolve(f));
      }
      Files.writeString(second.resolve(ModelFolder.MANIFEST_FILE),
          Files.readString(modelsDir.resolve("mine").resolve(ModelFolder.MANIFEST_FILE))
              .replaceFirst("\"id\"\\s*:\\s*\"mine\"", "\"id\": \"mine2\""));
      var e = assertThrows(InvalidModelException.class,
          () -> Engine.open(ws, registry, tasks, c -> c.withModels(List.of("mine", "mine2"))));
      assertTrue(e.getMessage().contains("mine2"), e.getMessage());
      try (Engine engine = Engine.open(ws, registry, tasks, c -> c)) {
        assertEquals(List.of("mine"), engine.config().models());
        assertEquals(chunks, engine.index().numChunks(), "the failed rebuild left the index as it was");
        assertEquals(keywordHits, keyword(engine));
      }

      // Switching to a working model rebuilds from the catalog and semantic search works again.
      try (Engine engine = Engine.open(ws, registry, tasks, c -> c.withModels(List.of(MODEL)))) {
        assertEquals(chunks, engine.index().numChunks());
        List<DocHit> hits = engine.search(SearchRequest.builder("how do plants make sugar", SearchMode.SEMANTIC)
            .modelId(MODEL).k(3).build()).hits();
        assertTrue(Path.of(hits.get(0).path()).getFileName().toString().startsWith("photosynthesis"),
            hits.get(0).path());
      }
    }
  }

  @Test
  void aWorkspaceWhoseModelFileOrFolderIsGoneStillOpensAndNamesTheModelAsBroken() throws Exception {
    Path modelsDir = tmp.resolve("models");
    Path source = tmp.resolve("export");
    ModelRegistry registry = importBuiltinCopyAsMine(source, modelsDir);
    Workspace ws = Workspace.at(tmp.resolve("ws"));

    try (TaskRunner tasks = EngineTestSupport.tasks()) {
      List<String> keywordHits;
      try (Engine engine = Engine.open(ws, registry, tasks, c -> c.withModels(List.of("mine", MODEL)))) {
        engine.ingest(List.of(EngineTestSupport.sampleDocuments()), IngestListener.NONE, new Cancellation());
        keywordHits = keyword(engine);
        assertEquals(List.of(), engine.brokenModels());
      }
      Path mine = modelsDir.resolve("mine");
      Files.delete(mine.resolve(ModelFolder.ONNX_FILE));
      try (Engine engine = Engine.open(ws, registry, tasks, c -> c)) {
        var broken = engine.brokenModels();
        assertEquals(List.of("mine"), broken.stream().map(e -> e.id()).toList());
        assertTrue(broken.get(0).reason().contains("ONNX model file not found"), broken.get(0).reason());
        assertEquals("folder:" + source.toAbsolutePath().normalize(), broken.get(0).manifest().source(),
            "the manifest still says where to import it from");
        assertEquals(keywordHits, keyword(engine));
        assertFalse(engine.search(SearchRequest.builder("how do plants make sugar", SearchMode.SEMANTIC)
            .modelId(MODEL).k(3).build()).hits().isEmpty(), "the other model still searches");
      }
      EngineTestSupport.deleteTree(mine);
      try (Engine engine = Engine.open(ws, registry, tasks, c -> c)) {
        var broken = engine.brokenModels();
        assertEquals(List.of("mine"), broken.stream().map(e -> e.id()).toList());
        assertTrue(broken.get(0).reason().contains("is missing"), broken.get(0).reason());
        assertEquals(keywordHits, keyword(engine));
      }
      // A model the workspace never had is still refused at open, with the known ids.
      var e = assertThrows(IllegalArgumentException.class,
          () -> Engine.open(ws, registry, tasks, c -> c.withModels(List.of(MODEL, "typo"))));
      assertTrue(e.getMessage().contains("unknown model 'typo'"), e.getMessage());
    }
  }

  private static List<String> keyword(Engine engine) throws IOException {
    return engine.search(SearchRequest.builder("chlorophyll light", SearchMode.KEYWORD).k(10).build())
        .hits().stream().map(DocHit::path).toList();
  }

  /** Exports the built-in model's files to {@code source} and imports them as "mine". */
  private static ModelRegistry importBuiltinCopyAsMine(Path source, Path modelsDir) throws Exception {
    ModelFolder builtin = EngineTestSupport.registry().folder(MODEL);
    Files.createDirectories(source);
    Files.copy(builtin.onnxFile(), source.resolve("model.onnx"));
    Files.copy(builtin.tokenizerFile(), source.resolve("tokenizer.json"));
    new ModelImporter(modelsDir).importFolder(source, "mine", 1);
    return new ModelRegistry(modelsDir);
  }
}
