package io.sextant.views.common;

import io.sextant.services.browse.ChunkContext;
import io.sextant.services.browse.Facets;
import io.sextant.services.browse.SourceSummary;
import io.sextant.services.catalog.FileRecord;
import io.sextant.services.indexing.IngestListener;
import io.sextant.services.indexing.IngestReport;
import io.sextant.services.search.ChunkHit;
import io.sextant.services.search.SearchRequest;
import io.sextant.services.search.SearchResponse;
import io.sextant.services.task.Cancellation;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Everything the screens ask of the engine. Every method returns at once; the work runs on the
 * app's task runner and the future completes off the FX thread (hand results back with
 * {@link Fx#then}). The app implements this over the engine; views never hold an engine, a file
 * system call or a model themselves.
 */
public interface Backend {

  /** The open workspace: name, models, counts, and any warning to show. */
  CompletableFuture<WorkspaceInfo> workspace();

  /** Sources with per-source counts. */
  CompletableFuture<List<SourceSummary>> sources();

  /** Files that failed to index, with their reasons. */
  CompletableFuture<List<FileRecord>> failures();

  /** File types and date range to filter on. */
  CompletableFuture<Facets> facets();

  /**
   * Adds folders or files and indexes what changed; progress goes to {@code listener} from the
   * ingest's own threads.
   */
  CompletableFuture<IngestReport> ingest(List<Path> roots, IngestListener listener, Cancellation cancel);

  /** Re-checks every source and indexes what changed. */
  CompletableFuture<IngestReport> refresh(IngestListener listener, Cancellation cancel);

  /**
   * Forgets a source: its files leave the index and the catalog; the files on disk are untouched.
   * Completes with the number of files forgotten.
   */
  CompletableFuture<Integer> removeSource(long sourceId);

  /** Runs a search. */
  CompletableFuture<SearchResponse> search(SearchRequest request);

  /** The hit's chunk with {@code radius} neighbours on each side, and its file's metadata. */
  CompletableFuture<ChunkContext> context(ChunkHit hit, int radius);

  /** Chunks nearest to the hit's chunk by {@code modelId}'s vectors (more like this). */
  CompletableFuture<SearchResponse> similar(ChunkHit hit, String modelId, int k);

  /**
   * Images most like an example image file (CLIP). Fails when the workspace has no CLIP model;
   * the default is for backends without images.
   */
  default CompletableFuture<SearchResponse> similarImage(Path image, int k) {
    return CompletableFuture.failedFuture(new IllegalStateException(
        "no CLIP model indexes images in this workspace (sextant index --clip ID FOLDER)"));
  }

  /** The cached thumbnail of an indexed image, if there is one. */
  default CompletableFuture<java.util.Optional<Path>> thumbnail(String imagePath) {
    return CompletableFuture.completedFuture(java.util.Optional.empty());
  }

  /** What the catalog knows about an indexed image (size, format, date taken, camera), for display. */
  default CompletableFuture<java.util.Map<String, String>> imageFacts(String imagePath) {
    return CompletableFuture.completedFuture(java.util.Map.of());
  }

  /** The models the Search pane offers to re-rank with; none by default. */
  default CompletableFuture<RerankModels> rerankModels() {
    return CompletableFuture.completedFuture(RerankModels.NONE);
  }

  /**
   * Writes a result list to {@code file}, CSV or JSON by its extension, with every score and its
   * components (see {@code ResultExporter}); replaces the file.
   */
  default CompletableFuture<Void> exportResults(String query, SearchResponse results, Path file) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException("export is not available"));
  }

  /**
   * Live folder watch. {@code status} gets the watcher's state (each source's watch mode, paused
   * or not) whenever it changes, and {@code changed} runs after each batch of file changes the
   * watcher applied to the index; both are called off the FX thread. The default watches nothing.
   */
  default void setWatchListener(java.util.function.Consumer<io.sextant.services.watch.WatchStatus> status,
      Runnable changed) {}

  /** The watcher's state now, or empty when nothing is watched. */
  default CompletableFuture<java.util.Optional<io.sextant.services.watch.WatchStatus>> watchStatus() {
    return CompletableFuture.completedFuture(java.util.Optional.empty());
  }

  /** Holds changes back ({@code true}) or applies them again; completes with the new state. */
  default CompletableFuture<io.sextant.services.watch.WatchStatus> pauseWatching(boolean paused) {
    return CompletableFuture.failedFuture(new IllegalStateException("no folder is watched"));
  }

  /** Opens a file with the system's default application. */
  CompletableFuture<Void> open(Path file);

  /** Shows a file selected in the system's file manager. */
  CompletableFuture<Void> reveal(Path file);
}
