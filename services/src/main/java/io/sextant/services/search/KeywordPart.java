package io.sextant.services.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;

/**
 * The keyword (BM25) retrieval of one hybrid search, started on another thread so it runs while
 * the calling thread embeds the query: a batch-1 embedding leaves gaps on the cores, and the
 * keyword retrieval fits in them instead of following the embedding.
 *
 * <p>Whichever thread gets to it first runs it: a worker of the executor, or the searching thread
 * itself when it asks for the result and no worker has started yet. So a busy, saturated or
 * shut-down executor never makes a search wait longer than running the retrieval itself would,
 * and searches sharing the executor cannot deadlock on each other.
 *
 * <p>The retrieval uses the search's own searcher, so the search must not release it while the
 * part may still run: it either {@link #join}s it or, when it fails first, {@link #abandon}s it.
 */
final class KeywordPart {

  private final IndexSearcher searcher;
  private final Query query;
  private final int n;
  private final AtomicBoolean claimed = new AtomicBoolean();
  private final CompletableFuture<ScoreDoc[]> result = new CompletableFuture<>();

  private KeywordPart(IndexSearcher searcher, Query query, int n) {
    this.searcher = Objects.requireNonNull(searcher, "searcher");
    this.query = Objects.requireNonNull(query, "query");
    if (n < 1) {
      throw new IllegalArgumentException("need at least one keyword candidate, got " + n);
    }
    this.n = n;
  }

  /** Hands the retrieval of the top {@code n} hits of {@code query} to {@code executor}. */
  static KeywordPart start(Executor executor, IndexSearcher searcher, Query query, int n) {
    Objects.requireNonNull(executor, "executor");
    KeywordPart part = new KeywordPart(searcher, query, n);
    try {
      executor.execute(part::runIfUnclaimed);
    } catch (RejectedExecutionException e) {
      // shut down or full: join() runs it on the searching thread
    }
    return part;
  }

  /**
   * The hits, best first. Runs the retrieval here when no worker has started it; otherwise waits
   * for the worker (not interruptibly: the searcher must outlive the retrieval, and the wait is
   * bounded by one BM25 query). A failure is rethrown as the retrieval threw it, so callers see
   * the same exception the sequential path gives, with this thread's stack attached.
   */
  ScoreDoc[] join() throws IOException {
    runIfUnclaimed();
    try {
      return result.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      cause.addSuppressed(new IllegalStateException("keyword retrieval for the search, rethrown here"));
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new UncheckedIOException(new IOException("keyword retrieval failed", cause));
    }
  }

  /**
   * Called when the search fails before it asks for the hits: a part no worker has started never
   * runs; a running one is waited for, so the searcher is not released under it. Its own failure,
   * if any, is added to {@code searchFailure} as suppressed.
   */
  void abandon(Throwable searchFailure) {
    if (claimed.compareAndSet(false, true)) {
      result.cancel(false);
      return;
    }
    try {
      result.join();
    } catch (CompletionException | CancellationException e) {
      searchFailure.addSuppressed(e.getCause() == null ? e : e.getCause());
    }
  }

  private void runIfUnclaimed() {
    if (!claimed.compareAndSet(false, true)) {
      return;
    }
    try {
      result.complete(searcher.search(query, n).scoreDocs);
    } catch (Throwable t) {
      result.completeExceptionally(t);
    }
  }
}
