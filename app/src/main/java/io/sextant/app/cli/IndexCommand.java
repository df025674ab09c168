package io.sextant.app.cli;

import io.sextant.app.Wiring;
import io.sextant.services.engine.Engine;
import io.sextant.services.indexing.IngestListener;
import io.sextant.services.indexing.IngestReport;
import io.sextant.services.task.Cancellation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sextant index PATH...}: add or refresh folders and files in a workspace. */
@Command(name = "index", mixinStandardHelpOptions = true,
    description = "Index folders and files (re-indexing only what changed; removing what was deleted).")
final class IndexCommand implements Callable<Integer> {

  private final Wiring wiring;

  @Spec CommandSpec spec;
  @Mixin WorkspaceOption ws;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Folders or files to index.")
  List<Path> paths;

  @Option(names = "--models", split = ",", paramLabel = "ID",
      description = "Embedding models to index with (default: the workspace's, or ${sys:sextant.defaultModel:-bge-small-en-v1.5-q}).")
  List<String> models;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the report as JSON.")
  Path json;

  @Mixin IndexOptions indexOptions;

  @Option(names = "--threads", description = "Inference threads (default: all cores).")
  Integer threads;

  @Option(names = "--clip", paramLabel = "ID", description = "Index images (jpg, png, gif, bmp, webp, tiff) "
      + "with this CLIP model (see 'sextant models'); 'none' stops indexing images. Remembered by the workspace.")
  String clip;

  IndexCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (Engine engine = wiring.openEngine(ws.workspace, cfg -> {
      var c = cfg;
      if (models != null) {
        c = c.withModels(models);
      }
      c = c.withChunker(indexOptions.chunker(c.chunker())).withIndex(indexOptions.index(c.index()));
      if (threads != null) {
        c = new io.sextant.services.engine.EngineConfig(c.models(), c.chunker(), c.index(), threads, c.batchSize());
      }
      return c;
    })) {
      if (clip != null) {
        engine.useClipModel(clip.equals("none") ? null : clip);
      }
      IngestListener progress = System.console() != null ? new ConsoleProgress(err) : IngestListener.NONE;
      IngestReport r = engine.ingest(paths, progress, new Cancellation());
      if (progress instanceof ConsoleProgress) {
        err.print("\r\033[K");
        err.flush();
      }
      out.printf("workspace %s, models %s%s%n", engine.workspace(), String.join(",", engine.config().models()),
          engine.clipModel().map(c -> ", images with " + c + " (" + engine.catalog().imageCount() + " indexed)").orElse(""));
      out.printf("files: %d seen, %d indexed, %d unchanged, %d failed, %d deleted%n",
          r.filesSeen(), r.filesIndexed(), r.filesUnchanged(), r.filesFailed(), r.filesDeleted());
      out.printf("chunks: %d indexed, %d embedded%s; %.1f s%n", r.chunks(), r.chunksEmbedded(),
          r.truncatedChunks() > 0 ? " (" + r.truncatedChunks() + " truncated at the model's limit)" : "",
          r.seconds());
      IngestReport.Timing t = r.timing();
      if (r.chunksEmbedded() > 0) {
        out.printf("time: embedding %.1f s, index %.1f s, waiting for the parser %.1f s (parsing %.1f s on its own threads)%n",
            t.embedSeconds(), t.indexSeconds(), t.parserWaitSeconds(), t.parseSeconds());
      }
      for (IngestReport.Failure f : r.failures()) {
        out.printf("  failed [%s]: %s: %s%n", f.kind(), f.path(), f.reason());
      }
      for (IngestReport.Failure n : r.notes()) {
        out.printf("  note [%s]: %s: %s%n", n.kind(), n.path(), n.reason());
      }
      out.flush();
      if (json != null) {
        Json.write(toJson(r, engine), json);
      }
      return 0;
    }
  }

  static Map<String, Object> toJson(IngestReport r, Engine engine) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("files_seen", r.filesSeen());
    m.put("files_indexed", r.filesIndexed());
    m.put("files_unchanged", r.filesUnchanged());
    m.put("files_failed", r.filesFailed());
    m.put("files_deleted", r.filesDeleted());
    m.put("chunks", r.chunks());
    m.put("chunks_embedded", r.chunksEmbedded());
    m.put("chunks_truncated", r.truncatedChunks());
    m.put("seconds", r.seconds());
    m.put("embed_seconds", r.timing().embedSeconds());
    m.put("index_seconds", r.timing().indexSeconds());
    m.put("parser_wait_seconds", r.timing().parserWaitSeconds());
    m.put("parse_seconds", r.timing().parseSeconds());
    m.put("models", engine.config().models());
    m.put("workspace", engine.workspace().toString());
    m.put("failures", r.failures().stream()
        .map(f -> Map.of("path", f.path(), "reason", f.reason(), "kind", f.kind())).toList());
    m.put("notes", r.notes().stream()
        .map(f -> Map.of("path", f.path(), "reason", f.reason(), "kind", f.kind())).toList());
    return m;
  }

  /** One self-overwriting progress line on a terminal. */
  private static final class ConsoleProgress implements IngestListener {
    private final PrintWriter err;
    private long lastPrint;
    private long embedded;

    ConsoleProgress(PrintWriter err) {
      this.err = err;
    }

    @Override
    public synchronized void chunksEmbedded(long count) {
      embedded += count;
    }

    @Override
    public synchronized void fileDone(Path file, int done, int total, String failure) {
      long now = System.nanoTime();
      if (now - lastPrint > 200_000_000L || done == total) {
        lastPrint = now;
        String name = file.getFileName().toString();
        err.printf("\r\033[K%d/%d files, %d chunks embedded  %s", done, total, embedded,
            name.length() > 40 ? name.substring(0, 37) + "..." : name);
        err.flush();
      }
    }
  }
}
