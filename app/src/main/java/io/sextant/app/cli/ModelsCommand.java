package io.sextant.app.cli;

import io.sextant.app.Wiring;
import io.sextant.services.model.ModelEntry;
import io.sextant.services.model.ModelImporter;
import io.sextant.services.model.ModelManifest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sextant models}: list built-in and imported models; {@code models import} adds one. */
@Command(name = "models", mixinStandardHelpOptions = true,
    description = "List embedding models: id, dimensions, source, status.",
    subcommands = {ModelsCommand.Import.class, ModelsCommand.Download.class})
final class ModelsCommand implements Callable<Integer> {

  private final Wiring wiring;

  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print the list as JSON.")
  boolean json;

  ModelsCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    List<ModelEntry> entries = wiring.models().list();
    if (json) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (ModelEntry e : entries) {
        Map<String, Object> m = new LinkedHashMap<>();
        ModelManifest mf = e.manifest();
        m.put("id", e.id());
        m.put("dimensions", mf == null ? null : mf.dimensions());
        m.put("pooling", mf == null ? null : mf.pooling().name().toLowerCase());
        m.put("max_tokens", mf == null ? null : mf.maxTokens());
        m.put("source", mf == null ? e.dir().toString() : mf.source());
        m.put("builtin", e.builtin());
        m.put("status", e.status().name().toLowerCase());
        m.put("reason", e.reason());
        rows.add(m);
      }
      Json.print(rows, out);
      return 0;
    }
    out.printf("%-24s %5s  %-18s %s%n", "ID", "DIMS", "STATUS", "SOURCE");
    for (ModelEntry e : entries) {
      ModelManifest mf = e.manifest();
      out.printf("%-24s %5s  %-18s %s%n", e.id(), mf == null ? "?" : Integer.toString(mf.dimensions()),
          e.status().name().toLowerCase().replace('_', '-'),
          mf == null ? e.dir() : mf.source());
      if (!e.reason().isEmpty()) {
        out.printf("%-24s        %s%n", "", e.reason());
      }
    }
    var clips = new io.sextant.services.clip.ClipModels(wiring.models().modelsDir());
    for (var c : clips.list()) {
      out.printf("%-24s %5s  %-18s %s%n", c.id(), "clip", c.usable() ? "available" : "broken", c.dir());
      if (!c.usable()) {
        out.printf("%-24s        %s%n", "", c.problem());
      }
    }
    for (String id : io.sextant.services.clip.ClipDownloads.ids()) {
      if (!clips.contains(id)) {
        out.printf("%-24s %5s  %-18s %s%n", id, "clip", "downloadable",
            io.sextant.services.clip.ClipDownloads.find(id).orElseThrow().description());
      }
    }
    out.flush();
    return 0;
  }

  /** {@code sextant models download ID}: fetches a known CLIP export. */
  @Command(name = "download", mixinStandardHelpOptions = true,
      description = "Download a CLIP model (resumable; each file checked before use). Known: "
          + "clip-vit-b32-q (int8, ~150 MB), clip-vit-b32 (float32, ~600 MB).")
  static final class Download implements Callable<Integer> {
    private final Wiring wiring;

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID") String id;

    Download(Wiring wiring) {
      this.wiring = wiring;
    }

    @Override
    public Integer call() throws Exception {
      var export = io.sextant.services.clip.ClipDownloads.find(id).orElseThrow(() -> new IllegalArgumentException(
          "unknown download '" + id + "'; known: " + io.sextant.services.clip.ClipDownloads.ids()));
      PrintWriter err = spec.commandLine().getErr();
      long[] last = {0};
      Path dir = new io.sextant.services.clip.ClipDownloader(wiring.models().modelsDir()).download(export,
          (file, done, total) -> {
            long now = System.nanoTime();
            if (now - last[0] > 500_000_000L || done == total) {
              last[0] = now;
              err.printf("\r%s: %,d%s bytes", file, done, total > 0 ? String.format(" of %,d", total) : "");
              err.flush();
            }
          }, new io.sextant.services.task.Cancellation());
      err.println();
      spec.commandLine().getOut().printf("downloaded %s to %s (SHA-256 of each file in %s/clip.json)%n", id, dir, dir);
      return 0;
    }
  }

  /** {@code sextant models import FOLDER}: validates and adds a Hugging Face ONNX export. */
  @Command(name = "import", mixinStandardHelpOptions = true,
      description = "Import a model folder (model.onnx + tokenizer.json [+ manifest.json]); it is "
          + "checked (dimension, finite output, determinism, paraphrase > unrelated) before it is added.")
  static final class Import implements Callable<Integer> {
    private final Wiring wiring;

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FOLDER") Path folder;

    @Option(names = "--id", description = "Model id (default: from the manifest or folder name).")
    String id;

    @Option(names = "--clip", description = "The folder is a CLIP export (Hugging Face/Transformers.js or "
        + "OpenCLIP layout): both towers are loaded and checked, then it is copied in.")
    boolean clip;

    Import(Wiring wiring) {
      this.wiring = wiring;
    }

    @Override
    public Integer call() throws Exception {
      if (clip) {
        String cid = id != null ? id : folder.toAbsolutePath().normalize().getFileName().toString().toLowerCase();
        Path dir = new io.sextant.services.clip.ClipModels(wiring.models().modelsDir()).importFolder(folder, cid);
        spec.commandLine().getOut().printf("imported CLIP model %s to %s%n", cid, dir);
        return 0;
      }
      ModelManifest m = new ModelImporter(wiring.models().modelsDir())
          .importFolder(folder, id, Runtime.getRuntime().availableProcessors()).manifest();
      spec.commandLine().getOut().printf("imported %s: %d dimensions, %s pooling, %d max tokens%n",
          m.id(), m.dimensions(), m.pooling().name().toLowerCase(), m.maxTokens());
      return 0;
    }
  }
}
