package io.sextant.views.workbench;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the window needs from the engine, as futures completed off the FX thread. The app wires
 * it to the engine through the task runner; the view never touches services directly.
 */
public interface SearchPort {

  /** A line for the status bar describing the workspace (files, chunks, models). */
  CompletableFuture<String> describe();

  /** Hybrid search; each result is "path — snippet". */
  CompletableFuture<List<String>> search(String query);
}
