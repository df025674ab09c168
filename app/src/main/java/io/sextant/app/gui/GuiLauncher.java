package io.sextant.app.gui;

import io.sextant.app.SampleCorpus;
import io.sextant.app.Wiring;
import io.sextant.services.engine.Engine;
import io.sextant.services.index.VectorizationCheck;
import io.sextant.services.task.Lane;
import io.sextant.services.watch.FolderWatcher;
import io.sextant.views.workbench.WorkbenchView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Opens the workbench window and blocks until it is closed. Uses {@link Platform#startup} rather
 * than {@code Application.launch} so the window gets its dependencies through its constructor.
 */
public final class GuiLauncher {

  private static final Logger LOG = Logger.getLogger(GuiLauncher.class.getName());
  static final String LAST_WORKSPACE = "workspace.last";

  /**
   * @param workspace workspace folder to open, or null for the last one used (the sample
   *     workspace on first run)
   * @param ingest folders and files to index once the window is up
   */
  public record Options(Path workspace, List<Path> ingest) {
    public Options {
      ingest = List.copyOf(ingest);
    }
  }

  private final Wiring wiring;

  public GuiLauncher(Wiring wiring) {
    this.wiring = Objects.requireNonNull(wiring, "wiring");
  }

  /** The bundled sample workspace's folder. */
  public Path sampleWorkspace() {
    return wiring.dirs().dataHome().resolve("workspaces").resolve("sample");
  }

  /** Shows the window; returns 0 when the user closes it. */
  public int run(Options options) throws InterruptedException {
    return run(options, FxStartup.begin());
  }

  /**
   * Shows the window on a toolkit the caller began starting (as early as it could: the toolkit
   * comes up while this prepares the backends); returns 0 when the user closes it.
   */
  public int run(Options options, FxStartup toolkit) throws InterruptedException {
    Objects.requireNonNull(toolkit, "toolkit");
    SettingsFile settings = new SettingsFile(wiring.dirs().dataHome().resolve("settings.properties"),
        wiring.tasks().executor(Lane.IO));
    Path ws = chooseWorkspace(options.workspace(), settings);
    settings.put(LAST_WORKSPACE, ws.toString());
    boolean sample = ws.equals(sampleWorkspace().toAbsolutePath().normalize());
    CompletableFuture<Engine> engine =
        wiring.tasks().submit(Lane.IO, "open workspace", () -> wiring.openEngine(ws, c -> c));
    CompletableFuture<Void> usable = new CompletableFuture<>();
    EngineBackend backend = new EngineBackend(engine, wiring.tasks(),
        new DesktopFiles(DesktopFiles.Os.current()), sample, GuiLauncher::vectorWarning,
        FolderWatcher.Timing.DEFAULT, usable);
    Path corpus = SampleCorpus.locate().orElse(null);
    // judgments, Compare and Evaluate; exported qrels and runs name files by path (unique)
    EvaluationBackend evaluation = new EvaluationBackend(engine, wiring.tasks(),
        io.sextant.services.judgments.DocIds.PATH);

    CountDownLatch closed = new CountDownLatch(1);
    Platform.setImplicitExit(true);
    toolkit.await();
    Platform.runLater(() -> {
      try {
        Stage stage = new Stage();
        WorkbenchView view = new WorkbenchView(backend, settings, corpus,
            new ExploreBackend(engine, wiring.tasks(), evaluation, Math.max(1, Runtime.getRuntime().availableProcessors())),
            evaluation, evaluation, evaluation);
        stage.setOnHidden(e -> {
          view.library().cancel();
          closed.countDown();
        });
        view.setOnReady(() -> {
          // CPU time too: on a shared machine it is steadier than wall time (docs/BENCHMARKS.md)
          LOG.info(String.format("workbench usable %d ms after the JVM started, %d CPU-ms used",
              System.currentTimeMillis() - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime(),
              ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(-1L)));
          if (Boolean.getBoolean("sextant.startup.threads")) {
            LOG.info("CPU-ms per thread when usable: " + ThreadCpu.perThread());
          }
          usable.complete(null); // now the sources may be watched (EngineBackend)
        });
        view.show(stage);
        if (!options.ingest().isEmpty()) {
          view.ingest(options.ingest());
        }
      } catch (IOException | RuntimeException ex) {
        LOG.log(Level.SEVERE, "could not open the workbench window", ex);
        closed.countDown();
      }
    });
    closed.await();
    evaluation.close();
    shutDown(engine, settings);
    return 0;
  }

  /**
   * The status-bar warning when Lucene's Panama vector code is not active. Asked on the I/O lane
   * once the engine is open, so the check (which loads Lucene) stays off the window's start-up.
   */
  static String vectorWarning() {
    VectorizationCheck.Result v = VectorizationCheck.run();
    return v.active() ? "" : "vector acceleration is off (" + v.detail() + "); search is ~3x slower";
  }

  private Path chooseWorkspace(Path requested, SettingsFile settings) {
    if (requested != null) {
      return requested.toAbsolutePath().normalize();
    }
    String last = settings.get(LAST_WORKSPACE, "");
    if (!last.isEmpty() && Files.isDirectory(Path.of(last))) {
      return Path.of(last);
    }
    return sampleWorkspace().toAbsolutePath().normalize();
  }

  /** Lets a cancelled ingest finish its files in flight, then closes the engine and saves settings. */
  private void shutDown(CompletableFuture<Engine> engine, SettingsFile settings) {
    try {
      // INDEX is a single-thread lane: this no-op runs after the ingest that was cancelled.
      wiring.tasks().submit(Lane.INDEX, "drain", () -> null).get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.log(Level.WARNING, "ingest did not stop within 60 s; closing anyway", e);
    }
    engine.thenAccept(e -> {
      try {
        e.close();
      } catch (IOException ex) {
        LOG.log(Level.WARNING, "could not close the workspace cleanly", ex);
      }
    }).exceptionally(t -> null).join();
    try {
      settings.flush();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "could not save window settings: " + e.getMessage());
    }
    Platform.exit();
  }
}
