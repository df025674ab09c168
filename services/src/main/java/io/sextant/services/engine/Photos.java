package io.sextant.services.engine;

import io.sextant.services.catalog.ImageRecord;
import io.sextant.services.clip.ClipModel;
import io.sextant.services.clip.ClipModels;
import io.sextant.services.images.Thumbnails;
import io.sextant.services.index.ChunkIndex;
import io.sextant.services.indexing.IngestListener;
import io.sextant.services.indexing.IngestReport;
import io.sextant.services.photos.ImageFilters;
import io.sextant.services.photos.PhotoIngest;
import io.sextant.services.photos.PhotoSearch;
import io.sextant.services.photos.QueryExpression;
import io.sextant.services.search.DocHit;
import io.sextant.services.search.SearchFilters;
import io.sextant.services.search.SearchRequest;
import io.sextant.services.search.SearchResponse;
import io.sextant.services.task.Cancellation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The image side of an {@link Engine}: the CLIP model (loaded once, lazily), the image index
 * ({@code <workspace>/images}, a separate Lucene index so text-model rebuilds never touch it), the
 * thumbnail cache ({@code <workspace>/thumbnails}), ingest and search.
 */
public final class Photos implements AutoCloseable {
  static final String CLIP_META = "config.clip";

  private final Engine engine;
  private ClipModel clip;
  private String clipLoadedFor;
  private ChunkIndex imageIndex;

  Photos(Engine engine) {
    this.engine = engine;
  }

  public ClipModels models() {
    return new ClipModels(engine.registry().modelsDir());
  }

  synchronized void use(String id) {
    if (id == null || id.isBlank()) {
      engine.catalog().putMeta(CLIP_META, "");
      return;
    }
    load(id);
    engine.catalog().putMeta(CLIP_META, id);
  }

  /** The enabled CLIP model, loaded. */
  public synchronized ClipModel clip() {
    String id = engine.clipModel().orElseThrow(() -> new IllegalStateException(
        "no CLIP model is enabled for this workspace; enable one with 'sextant index --clip ID'"));
    return load(id);
  }

  private ClipModel load(String id) {
    if (clip != null && id.equals(clipLoadedFor)) {
      return clip;
    }
    ClipModel m = models().open(id, engine.config().threads());
    if (clip != null) {
      clip.close();
    }
    clip = m;
    clipLoadedFor = id;
    return m;
  }

  /** The image index, opened on first use. */
  public synchronized ChunkIndex index() throws IOException {
    if (imageIndex == null) {
      imageIndex = ChunkIndex.open(engine.workspace().root().resolve("images"), engine.config().index());
    }
    return imageIndex;
  }

  public Thumbnails thumbnails() {
    return new Thumbnails(engine.workspace().root().resolve("thumbnails"));
  }

  /** The cached thumbnail of an indexed image. */
  public Optional<Path> thumbnail(String imagePath) {
    return image(imagePath).filter(r -> r.contentHash() != null).flatMap(r -> thumbnails().find(r.contentHash()));
  }

  /** What the catalog knows about an image file. */
  public Optional<ImageRecord> image(String path) {
    return engine.catalog().image(path);
  }

  IngestReport ingest(List<Path> roots, IngestListener listener, Cancellation cancel) throws IOException {
    String id = engine.clipModel().orElseThrow();
    ClipModel m = clip();
    return new PhotoIngest(engine.catalog(), index(), m, id, version(m), thumbnails()).ingest(roots, listener, cancel);
  }

  /**
   * The version tag of the enabled CLIP model's image vectors in the embedding cache (what
   * {@link io.sextant.services.explore.VectorSet#readImages} reads them by).
   */
  public synchronized String clipVersion() throws IOException {
    return version(clip());
  }

  /** Identifies the vision weights for the embedding cache: replacing the file changes it. */
  private static String version(ClipModel m) throws IOException {
    Path v = m.layout().visionModel();
    return "vision:" + Files.size(v) + ":" + Files.getLastModifiedTime(v).toMillis();
  }

  private PhotoSearch searcher() throws IOException {
    return new PhotoSearch(index(), engine.catalog(), clip(), engine.clipModel().orElseThrow());
  }

  /**
   * Images for a query expression ({@code 2:golden retriever + ./pool.jpg - grass}); image paths
   * in it resolve against {@code baseDir}.
   */
  public SearchResponse search(String expression, Path baseDir, int k, SearchFilters filters, ImageFilters exif)
      throws IOException {
    PhotoSearch s = searcher();
    return s.search(s.vector(QueryExpression.parse(expression, baseDir)), k, filters, exif, false);
  }

  /** Images most like an example image (the example itself ranks first when it is indexed). */
  public SearchResponse searchSimilar(Path image, int k, SearchFilters filters, ImageFilters exif) throws IOException {
    PhotoSearch s = searcher();
    return s.search(s.vector(QueryExpression.image(image)), k, filters, exif, false);
  }

  /**
   * Documents (the request's text model) and images (CLIP, from the same query text) in one list,
   * merged by reciprocal rank (1 / (60 + rank)): cosines of two different models are not on one
   * scale, ranks are. Each hit keeps its own model's score.
   */
  public SearchResponse searchMixed(SearchRequest request, int imageK) throws IOException {
    SearchResponse docs = engine.search(request);
    if (engine.clipModel().isEmpty() || request.query().isBlank()) {
      return docs;
    }
    SearchResponse imgs = search(request.query(), Path.of(""), imageK, request.filters(), ImageFilters.NONE);
    Map<DocHit, Double> rrf = new HashMap<>();
    List<DocHit> all = new ArrayList<>();
    for (int i = 0; i < docs.hits().size(); i++) {
      rrf.put(docs.hits().get(i), 1.0 / (61 + i));
      all.add(docs.hits().get(i));
    }
    for (int i = 0; i < imgs.hits().size(); i++) {
      rrf.put(imgs.hits().get(i), 1.0 / (61 + i));
      all.add(imgs.hits().get(i));
    }
    all.sort(Comparator.comparingDouble((DocHit h) -> -rrf.get(h)));
    return new SearchResponse(all, docs.mode(), docs.modelId(), docs.embedMicros() + imgs.embedMicros(),
        docs.searchMicros() + imgs.searchMicros(), docs.totalCandidates() + imgs.totalCandidates());
  }

  void forgetSource(long sourceId) throws IOException {
    List<ImageRecord> imgs = engine.catalog().images(sourceId);
    if (imgs.isEmpty()) {
      return;
    }
    ChunkIndex idx = index();
    for (ImageRecord r : imgs) {
      idx.deleteDoc(r.path());
    }
    idx.commit();
  }

  static IngestReport merge(IngestReport a, IngestReport b) {
    List<IngestReport.Failure> f = new ArrayList<>(a.failures());
    f.addAll(b.failures());
    return new IngestReport(a.filesSeen() + b.filesSeen(), a.filesIndexed() + b.filesIndexed(),
        a.filesUnchanged() + b.filesUnchanged(), a.filesFailed() + b.filesFailed(),
        a.filesDeleted() + b.filesDeleted(), a.chunks() + b.chunks(), a.chunksEmbedded() + b.chunksEmbedded(),
        a.truncatedChunks() + b.truncatedChunks(), a.seconds() + b.seconds(), f,
        java.util.stream.Stream.concat(a.notes().stream(), b.notes().stream()).toList(),
        a.timing().plus(b.timing()));
  }

  @Override
  public synchronized void close() throws IOException {
    try {
      if (imageIndex != null) {
        imageIndex.close();
        imageIndex = null;
      }
    } finally {
      if (clip != null) {
        clip.close();
        clip = null;
      }
    }
  }
}
