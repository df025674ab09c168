package io.sextant.services.explore;

import io.sextant.services.task.Cancellation;
import java.io.IOException;
import java.util.Objects;
import java.util.function.DoubleConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Makes the 2-D layout of a vector set with PCA or UMAP, through a {@link ProjectionCache}: the
 * same model, corpus and settings are computed once.
 */
public final class MapMaker {

  private static final Logger LOG = Logger.getLogger(MapMaker.class.getName());

  /**
   * What to compute.
   *
   * @param umap UMAP (else PCA)
   * @param neighbours UMAP's k
   * @param minDistance UMAP's min distance
   * @param metric UMAP's metric
   * @param seed fixes the random choices
   */
  public record Request(boolean umap, int neighbours, double minDistance, Metric metric, long seed) {
    public Request {
      Objects.requireNonNull(metric, "metric");
    }

    /** The cache key: everything the layout depends on besides the vectors. */
    String key() {
      return umap ? "umap;" + neighbours + ";" + minDistance + ";" + metric + ";" + seed : "pca;" + seed;
    }
  }

  private final ProjectionCache cache;
  private final int threads;

  /** @param threads worker threads for UMAP */
  public MapMaker(ProjectionCache cache, int threads) {
    this.cache = Objects.requireNonNull(cache, "cache");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.threads = threads;
  }

  public Layout layout(VectorSet set, Request r, DoubleConsumer progress, Cancellation cancel) {
    var cached = cache.get(set.modelId(), set.fingerprint(), r.key());
    if (cached.isPresent() && cached.get().size() == set.size()) {
      progress.accept(1);
      return cached.get();
    }
    Layout layout = r.umap()
        ? Umap.project(set.vectors(),
            new Umap.Settings(r.neighbours(), r.minDistance(), r.metric(), r.seed(), threads), progress, cancel)
        : Pca.project(set.vectors(), r.seed());
    try {
      cache.put(set.modelId(), set.fingerprint(), r.key(), layout);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "could not cache the map of " + set.modelId() + ": " + e);
    }
    return layout;
  }
}
