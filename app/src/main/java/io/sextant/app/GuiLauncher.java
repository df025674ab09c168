package io.sextant.app;

import io.sextant.services.engine.Engine;
import io.sextant.services.search.DocHit;
import io.sextant.services.search.SearchMode;
import io.sextant.services.search.SearchRequest;
import io.sextant.services.task.Lane;
import io.sextant.services.workspace.AppDirs;
import io.sextant.views.workbench.SearchPort;
import io.sextant.views.workbench.WorkbenchView;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Starts the workbench window on the sample workspace. Uses {@link Platform#startup} rather than
 * {@code Application.launch} so the window gets its dependencies through its constructor.
 */
final class GuiLauncher {

  private GuiLauncher() {}

  static void launch(AppDirs dirs, io.sextant.services.index.VectorizationCheck.Result vectors) {
    Wiring wiring = new Wiring(dirs);
    Path sample = dirs.dataHome().resolve("workspaces").resolve("sample");
    CompletableFuture<Engine> engine = wiring.tasks().submit(Lane.IO, "open sample workspace", () -> {
      Engine e = wiring.openEngine(sample, c -> c);
      Path corpus = SampleCorpus.locate().orElse(null);
      if (corpus != null && e.catalog().chunkCount() == 0) {
        e.ingest(List.of(corpus), io.sextant.services.indexing.IngestListener.NONE,
            new io.sextant.services.task.Cancellation());
      }
      return e;
    });
    SearchPort port = new SearchPort() {
      @Override
      public CompletableFuture<String> describe() {
        return engine.thenApply(e -> "Workspace " + e.workspace() + " — " + e.catalog().chunkCount()
            + " chunks, models " + String.join(", ", e.config().models())
            + (vectors.active() ? "" : "  —  WARNING: vector acceleration is off, search is ~3x slower"));
      }

      @Override
      public CompletableFuture<List<String>> search(String query) {
        return engine.thenCompose(e -> wiring.tasks().submit(Lane.SEARCH, "search", () ->
            e.search(SearchRequest.builder(query, SearchMode.HYBRID)
                .modelId(e.config().models().get(0)).k(20)
                .fusion(new io.sextant.services.search.Fusion.Convex(0.5)).build())
                .hits().stream().map(GuiLauncher::line).toList()));
      }
    };
    Platform.setImplicitExit(true);
    Platform.startup(() -> {
      try {
        new WorkbenchView(port).show(new Stage());
      } catch (Exception ex) {
        throw new IllegalStateException("could not open the workbench window", ex);
      }
    });
  }

  private static String line(DocHit h) {
    return h.path() + "  —  " + h.chunks().get(0).snippet().replaceAll("\\s+", " ").strip();
  }

}
