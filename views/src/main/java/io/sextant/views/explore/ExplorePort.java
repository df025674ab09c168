package io.sextant.views.explore;

import io.sextant.services.search.SearchMode;
import io.sextant.services.task.Cancellation;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.DoubleConsumer;

/** What the Explore screen asks of the engine; every call runs in the background. */
public interface ExplorePort {

  /** How to project: PCA, or UMAP with its settings. */
  record ProjectionSettings(boolean umap, int neighbours, double minDistance, String metric) {
    public static final ProjectionSettings PCA = new ProjectionSettings(false, 15, 0.1, "cosine");
    public static final ProjectionSettings UMAP = new ProjectionSettings(true, 15, 0.1, "cosine");

    public ProjectionSettings {
      if (neighbours < 2 || neighbours > 200) {
        throw new IllegalArgumentException("neighbours must be in 2..200, got " + neighbours);
      }
      if (!(minDistance >= 0 && minDistance <= 1)) {
        throw new IllegalArgumentException("min distance must be in 0..1, got " + minDistance);
      }
    }
  }

  /** How to cluster: k-means with k, or HDBSCAN with a minimum cluster size. */
  record ClusterSettings(boolean hdbscan, int k, int minClusterSize) {
    public ClusterSettings {
      if (k < 2 || k > 200 || minClusterSize < 2) {
        throw new IllegalArgumentException("k in 2..200 and min cluster size >= 2");
      }
    }
  }

  /**
   * The current query on the map: its position, its top hits, and the documents judged relevant
   * to it (with whether the hits found them).
   */
  record QueryOverlay(double x, double y, int[] hits, int[] relevant, boolean[] relevantFound) {}

  /** Projects every chunk vector of {@code modelId}; progress goes from 0 to 1. */
  CompletableFuture<MapData> project(String modelId, ProjectionSettings settings,
      DoubleConsumer progress, Cancellation cancel);

  CompletableFuture<Clustering> cluster(MapData map, ClusterSettings settings, Cancellation cancel);

  CompletableFuture<QueryOverlay> overlay(MapData map, String query, SearchMode mode, int k);

  /**
   * The CLIP model whose image vectors can be mapped too, if the workspace has one; its id is then
   * a valid {@code modelId} for {@link #project} and its map's points are images.
   */
  default CompletableFuture<Optional<String>> imageModel() {
    return CompletableFuture.completedFuture(Optional.empty());
  }

  /** The cached thumbnail of an indexed image, for hover. */
  default CompletableFuture<Optional<Path>> thumbnail(String imagePath) {
    return CompletableFuture.completedFuture(Optional.empty());
  }

  /**
   * Each point's neighbour agreement between the map's model and {@code otherModel}: the share of
   * its {@code k} nearest neighbours both models pick, in 0..1, or NaN for a point not scored (a
   * large corpus is sampled).
   */
  default CompletableFuture<double[]> agreement(MapData map, String otherModel, int k, Cancellation cancel) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException("no neighbour agreement here"));
  }

  /** Writes premultiplied ARGB pixels as a PNG file. */
  CompletableFuture<Void> savePng(Path file, int[] pixels, int width, int height);
}
