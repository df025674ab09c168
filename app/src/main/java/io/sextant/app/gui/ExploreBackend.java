package io.sextant.app.gui;

import io.sextant.services.compare.NeighbourAgreement;
import io.sextant.services.engine.Engine;
import io.sextant.services.explore.ClusterLabeler;
import io.sextant.services.explore.Hdbscan;
import io.sextant.services.explore.KMeans;
import io.sextant.services.explore.Layout;
import io.sextant.services.explore.MapMaker;
import io.sextant.services.explore.Metric;
import io.sextant.services.explore.ProjectionCache;
import io.sextant.services.explore.VectorSet;
import io.sextant.services.search.ChunkHit;
import io.sextant.services.search.DocHit;
import io.sextant.services.photos.ImageFilters;
import io.sextant.services.search.SearchFilters;
import io.sextant.services.search.SearchMode;
import io.sextant.services.search.SearchRequest;
import io.sextant.services.search.SearchResponse;
import io.sextant.services.task.Cancellation;
import io.sextant.services.task.Lane;
import io.sextant.services.task.TaskRunner;
import io.sextant.views.common.Judgments;
import io.sextant.views.explore.Clustering;
import io.sextant.views.explore.ExplorePort;
import io.sextant.views.explore.MapData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.DoubleConsumer;
import javax.imageio.ImageIO;

/**
 * The Explore screen's {@link ExplorePort} over one engine: maps and clusterings run on the MAP
 * lane (minutes of CPU at worst, never in front of a search), the query overlay on SEARCH, PNG
 * export on IO. Maps are cached in the workspace's {@code maps} folder.
 */
public final class ExploreBackend implements ExplorePort {

  /** One seed for every map, so the same corpus and settings always give the same picture. */
  static final long SEED = 42;
  private static final int PREVIEW_CHARS = 240;

  private final CompletableFuture<Engine> engine;
  private final TaskRunner tasks;
  private final Judgments judgments;
  private final int threads;
  /** The last map handed out and its vectors: cluster labels read the full passage texts. */
  private volatile Object[] last = new Object[2];

  /**
   * @param judgments relevance judgments to mark on the map, or null when there are none
   * @param threads worker threads for UMAP
   */
  public ExploreBackend(CompletableFuture<Engine> engine, TaskRunner tasks, Judgments judgments,
      int threads) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.tasks = Objects.requireNonNull(tasks, "tasks");
    this.judgments = judgments;
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.threads = threads;
  }

  @Override
  public CompletableFuture<MapData> project(String modelId, ProjectionSettings settings,
      DoubleConsumer progress, Cancellation cancel) {
    Objects.requireNonNull(modelId, "modelId");
    return engine.thenCompose(e -> tasks.submit(Lane.MAP, "map of " + modelId, () -> {
      boolean images = isImageModel(e, modelId);
      VectorSet set = images
          ? VectorSet.readImages(e.catalog(), modelId, e.photos().clipVersion(), cancel)
          : VectorSet.read(e.catalog(), modelId, e.embedder(modelId).manifest().onnxSha256(), cancel);
      if (set.size() == 0) {
        throw new IllegalStateException(images
            ? "no images have " + modelId + " vectors yet: index some images first"
            : "no passages have " + modelId + " vectors yet: index some files first");
      }
      MapMaker maker = new MapMaker(new ProjectionCache(e.workspace().root().resolve("maps")), threads);
      Layout l = maker.layout(set, new MapMaker.Request(settings.umap(), settings.neighbours(),
          settings.minDistance(), Metric.parse(settings.metric()), SEED), progress, cancel);
      MapData map = new MapData(modelId, l.method(), l.xs(), l.ys(), items(set, images), l.millis());
      last = new Object[] {map, set};
      return map;
    }));
  }

  /** Whether {@code modelId} is the workspace's CLIP model: its map is one of the images. */
  static boolean isImageModel(Engine e, String modelId) {
    return e.clipModel().filter(modelId::equals).isPresent();
  }

  static List<MapData.MapItem> items(VectorSet set, boolean images) {
    List<MapData.MapItem> out = new ArrayList<>(set.size());
    for (VectorSet.Item it : set.items()) {
      String text = it.text().strip().replaceAll("\\s+", " ");
      out.add(new MapData.MapItem(it.chunkId(), it.docKey(), it.title(), it.ordinal(), it.page(),
          extension(it.docKey()), folder(it.docKey()),
          text.length() > PREVIEW_CHARS ? text.substring(0, PREVIEW_CHARS) + "…" : text, images));
    }
    return out;
  }

  @Override
  public CompletableFuture<double[]> agreement(MapData map, String otherModel, int k, Cancellation cancel) {
    Objects.requireNonNull(map, "map");
    Objects.requireNonNull(otherModel, "otherModel");
    return engine.thenCompose(e -> tasks.submit(Lane.MAP, "neighbour agreement on the map", () -> {
      if (isImageModel(e, map.modelId()) || isImageModel(e, otherModel)) {
        throw new IllegalArgumentException("neighbour agreement compares two text models' passages; "
            + "a map of images has no second model");
      }
      Map<String, float[]> a = byChunk(VectorSet.read(e.catalog(), map.modelId(),
          e.embedder(map.modelId()).manifest().onnxSha256(), cancel));
      Map<String, float[]> b = byChunk(VectorSet.read(e.catalog(), otherModel,
          e.embedder(otherModel).manifest().onnxSha256(), cancel));
      var each = new NeighbourAgreement(k, NeighbourAgreement.DEFAULT_SAMPLE).measureEach(a, b, cancel);
      double[] out = new double[map.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = each.shared().getOrDefault(map.items().get(i).chunkId(), Double.NaN);
      }
      return out;
    }));
  }

  private static Map<String, float[]> byChunk(VectorSet set) {
    Map<String, float[]> out = new HashMap<>();
    for (int i = 0; i < set.size(); i++) {
      out.put(set.items().get(i).chunkId(), set.vectors()[i]);
    }
    return out;
  }

  @Override
  public CompletableFuture<Optional<String>> imageModel() {
    return engine.thenCompose(e -> tasks.submit(Lane.IO, "image model", e::clipModel));
  }

  @Override
  public CompletableFuture<Optional<Path>> thumbnail(String imagePath) {
    Objects.requireNonNull(imagePath, "imagePath");
    return engine.thenCompose(e -> tasks.submit(Lane.IO, "map thumbnail", () -> e.photos().thumbnail(imagePath)));
  }

  @Override
  public CompletableFuture<Clustering> cluster(MapData map, ClusterSettings settings, Cancellation cancel) {
    Objects.requireNonNull(map, "map");
    return tasks.submit(Lane.MAP, "cluster map", () -> {
      int[] labels;
      String method;
      if (settings.hdbscan()) {
        labels = Hdbscan.cluster(map.xs(), map.ys(), settings.minClusterSize(), cancel);
        method = "HDBSCAN min size " + settings.minClusterSize();
      } else {
        float[][] points = new float[map.size()][];
        for (int i = 0; i < points.length; i++) {
          points[i] = new float[] {map.xs()[i], map.ys()[i]};
        }
        labels = KMeans.cluster(points, settings.k(), SEED, cancel);
        method = "k-means k=" + settings.k();
      }
      int clusters = 0;
      for (int l : labels) {
        clusters = Math.max(clusters, l + 1);
      }
      Object[] l = last;
      VectorSet set = l[0] == map ? (VectorSet) l[1] : null;
      List<String> texts = new ArrayList<>(map.size());
      for (int i = 0; i < map.size(); i++) {
        texts.add(set != null ? set.items().get(i).text() : map.items().get(i).preview());
      }
      return new Clustering(method, labels, new ClusterLabeler(3).names(labels, texts, clusters));
    });
  }

  @Override
  public CompletableFuture<QueryOverlay> overlay(MapData map, String query, SearchMode mode, int k) {
    Objects.requireNonNull(map, "map");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(mode, "mode");
    CompletableFuture<Map<String, Integer>> grades = judgments == null
        ? CompletableFuture.completedFuture(Map.of()) : judgments.of(query);
    return grades.thenCompose(g -> engine.thenCompose(e -> tasks.submit(Lane.SEARCH, "query on map",
        () -> overlay(e, map, query, mode, k, g))));
  }

  static QueryOverlay overlay(Engine e, MapData map, String query, SearchMode mode, int k,
      Map<String, Integer> grades) throws IOException {
    if (isImageModel(e, map.modelId())) {
      return imageOverlay(e, map, query, k, grades);
    }
    Map<String, Integer> pointOf = new HashMap<>();
    Map<String, Integer> firstOfDoc = new HashMap<>();
    for (int i = 0; i < map.size(); i++) {
      pointOf.put(map.items().get(i).chunkId(), i);
      firstOfDoc.putIfAbsent(map.items().get(i).docKey(), i);
    }
    // the query sits where its nearest passages are: the similarity-weighted mean of the nearest 5
    float[] qv = e.embedder(map.modelId()).embedQuery(query);
    SearchResponse near = e.search(SearchRequest.builder(query, SearchMode.SEMANTIC)
        .modelId(map.modelId()).k(5).queryVector(qv).groupByDoc(false).build());
    double sx = 0;
    double sy = 0;
    double sw = 0;
    for (DocHit d : near.hits()) {
      for (ChunkHit c : d.chunks()) {
        Integer p = pointOf.get(c.chunkId());
        if (p != null) {
          double w = Math.max(1e-3, c.score());
          sx += w * map.xs()[p];
          sy += w * map.ys()[p];
          sw += w;
        }
      }
    }
    SearchRequest.Builder b = SearchRequest.builder(query, mode).k(k);
    if (mode != SearchMode.KEYWORD) {
      b.modelId(map.modelId()).queryVector(qv);
    }
    SearchResponse r = e.search(b.build());
    Set<Integer> hits = new LinkedHashSet<>();
    Set<String> foundDocs = new LinkedHashSet<>();
    for (DocHit d : r.hits()) {
      foundDocs.add(d.docKey());
      for (ChunkHit c : d.chunks()) {
        Integer p = pointOf.get(c.chunkId());
        if (p != null) {
          hits.add(p);
          break; // the passage that ranked the file
        }
      }
    }
    return withJudged(sw == 0 ? 0 : sx / sw, sw == 0 ? 0 : sy / sw, hits, foundDocs, firstOfDoc, grades);
  }

  /** The overlay with the files judged relevant to the query, each marked found or missed. */
  private static QueryOverlay withJudged(double x, double y, java.util.Collection<Integer> hits,
      Set<String> foundDocs, Map<String, Integer> firstOfDoc, Map<String, Integer> grades) {
    Map<Integer, Boolean> relevant = new LinkedHashMap<>();
    grades.forEach((doc, grade) -> {
      Integer p = firstOfDoc.get(doc);
      if (grade > 0 && p != null) {
        relevant.put(p, foundDocs.contains(doc));
      }
    });
    int[] rel = relevant.keySet().stream().mapToInt(Integer::intValue).toArray();
    boolean[] found = new boolean[rel.length];
    for (int i = 0; i < rel.length; i++) {
      found[i] = relevant.get(rel[i]);
    }
    return new QueryOverlay(x, y, hits.stream().mapToInt(Integer::intValue).toArray(), rel, found);
  }

  /**
   * The query on a map of images: CLIP's text side ranks the images; the query sits at the
   * similarity-weighted mean of its 5 nearest, and its top {@code k} are the hits.
   */
  static QueryOverlay imageOverlay(Engine e, MapData map, String query, int k, Map<String, Integer> grades)
      throws IOException {
    Map<String, Integer> pointOfDoc = new HashMap<>();
    for (int i = 0; i < map.size(); i++) {
      pointOfDoc.putIfAbsent(map.items().get(i).docKey(), i);
    }
    SearchResponse r = e.photos().search(query, e.workspace().root(), Math.max(5, k), SearchFilters.NONE,
        ImageFilters.NONE);
    double sx = 0;
    double sy = 0;
    double sw = 0;
    List<Integer> hits = new ArrayList<>();
    Set<String> found = new LinkedHashSet<>();
    for (DocHit d : r.hits()) {
      Integer p = pointOfDoc.get(d.docKey());
      if (p == null) {
        continue;
      }
      if (hits.size() < 5) {
        double w = Math.max(1e-3, d.score());
        sx += w * map.xs()[p];
        sy += w * map.ys()[p];
        sw += w;
      }
      if (hits.size() < k) {
        hits.add(p);
        found.add(d.docKey());
      }
    }
    return withJudged(sw == 0 ? 0 : sx / sw, sw == 0 ? 0 : sy / sw, hits, found, pointOfDoc, grades);
  }

  @Override
  public CompletableFuture<Void> savePng(Path file, int[] pixels, int width, int height) {
    Objects.requireNonNull(file, "file");
    if (pixels.length != width * height) {
      throw new IllegalArgumentException(pixels.length + " pixels for " + width + " x " + height);
    }
    return tasks.submit(Lane.IO, "save map PNG", () -> {
      BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB_PRE);
      img.getRaster().setDataElements(0, 0, width, height, pixels);
      if (!ImageIO.write(img, "png", file.toFile())) {
        throw new IOException("no PNG writer in this Java runtime");
      }
      return null;
    });
  }

  static String extension(String path) {
    String name = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
    int dot = name.lastIndexOf('.');
    return dot <= 0 || dot == name.length() - 1 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  static String folder(String path) {
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    if (slash <= 0) {
      return "";
    }
    String dir = path.substring(0, slash);
    return dir.substring(Math.max(dir.lastIndexOf('/'), dir.lastIndexOf('\\')) + 1);
  }
}
