package io.sextant.services.explore;

import io.sextant.services.catalog.Catalog;
import io.sextant.services.catalog.FileStatus;
import io.sextant.services.catalog.ImageRecord;
import io.sextant.services.catalog.IndexedChunk;
import io.sextant.services.photos.PhotoIngest;
import io.sextant.services.task.Cancellation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every chunk vector of one model in a workspace, read from the catalog's embedding cache (the
 * vectors the index was built from), with what each chunk is. Chunks without a cached vector
 * (a model file that changed since) are left out rather than re-embedded: a map is a view of
 * what is indexed.
 */
public final class VectorSet {

  /**
   * One chunk.
   *
   * @param chunkId the index's chunk id ({@code path#ordinal})
   * @param docKey the file's key (its path)
   * @param title the file's title
   * @param ordinal passage number in the file, from 0
   * @param page page, or 0
   * @param text the passage's text (cluster labels are computed from it)
   */
  public record Item(String chunkId, String docKey, String title, int ordinal, int page, String text) {
    public Item {
      Objects.requireNonNull(chunkId, "chunkId");
      Objects.requireNonNull(docKey, "docKey");
      title = title == null ? "" : title;
      text = text == null ? "" : text;
    }
  }

  private final String modelId;
  private final float[][] vectors;
  private final List<Item> items;
  private final String fingerprint;

  /**
   * @param fingerprint identifies the corpus and model version the vectors came from (a cached
   *     map is only reused for the same fingerprint)
   */
  public VectorSet(String modelId, float[][] vectors, List<Item> items, String fingerprint) {
    this.modelId = Objects.requireNonNull(modelId, "modelId");
    this.vectors = Objects.requireNonNull(vectors, "vectors");
    this.items = List.copyOf(items);
    this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
    if (vectors.length != this.items.size()) {
      throw new IllegalArgumentException(vectors.length + " vectors for " + items.size() + " items");
    }
    for (float[] v : vectors) {
      if (v.length != vectors[0].length) {
        throw new IllegalArgumentException("vectors of different lengths: " + v.length + " and "
            + vectors[0].length);
      }
    }
  }

  /**
   * Reads the vectors of {@code modelId} at model version {@code modelSha} for every indexed
   * chunk.
   */
  public static VectorSet read(Catalog catalog, String modelId, String modelSha, Cancellation cancel) {
    Objects.requireNonNull(catalog, "catalog");
    List<IndexedChunk> chunks = new ArrayList<>();
    catalog.forEachChunk(chunks::add);
    cancel.check();
    Map<String, float[]> byHash = new HashMap<>();
    final int batch = 2000;
    for (int from = 0; from < chunks.size(); from += batch) {
      cancel.check();
      List<String> hashes = new ArrayList<>();
      for (IndexedChunk c : chunks.subList(from, Math.min(chunks.size(), from + batch))) {
        hashes.add(c.chunk().textHash());
      }
      byHash.putAll(catalog.cachedEmbeddings(modelId, modelSha, hashes));
    }
    List<float[]> vs = new ArrayList<>();
    List<Item> items = new ArrayList<>();
    MessageDigest md = sha256();
    md.update((modelId + "\n" + modelSha + "\n").getBytes(StandardCharsets.UTF_8));
    for (IndexedChunk c : chunks) {
      float[] v = byHash.get(c.chunk().textHash());
      if (v == null) {
        continue;
      }
      String key = c.file().path();
      String title = c.file().title() == null || c.file().title().isBlank()
          ? fileName(key) : c.file().title();
      items.add(new Item(key + "#" + c.chunk().ordinal(), key, title, c.chunk().ordinal(),
          c.chunk().page(), c.chunk().text()));
      vs.add(v);
      md.update((key + "#" + c.chunk().ordinal() + "=" + c.chunk().textHash() + "\n")
          .getBytes(StandardCharsets.UTF_8));
    }
    return new VectorSet(modelId, vs.toArray(new float[0][]), items,
        HexFormat.of().formatHex(md.digest()).substring(0, 32));
  }

  /**
   * Reads the CLIP vectors of every indexed image ({@code clipId} at {@code clipVersion}) from the
   * embedding cache the image index was built from. Each image is one item ({@code path#image},
   * ordinal 0); its text is the file name with camera and date, for cluster names.
   */
  public static VectorSet readImages(Catalog catalog, String clipId, String clipVersion, Cancellation cancel) {
    Objects.requireNonNull(catalog, "catalog");
    List<ImageRecord> images = new ArrayList<>();
    for (var src : catalog.sources()) {
      for (ImageRecord r : catalog.images(src.id())) {
        if (r.status() == FileStatus.INDEXED && r.contentHash() != null) {
          images.add(r);
        }
      }
    }
    cancel.check();
    Map<String, float[]> byKey = new HashMap<>();
    final int batch = 2000;
    for (int from = 0; from < images.size(); from += batch) {
      cancel.check();
      List<String> keys = new ArrayList<>();
      for (ImageRecord r : images.subList(from, Math.min(images.size(), from + batch))) {
        keys.add(PhotoIngest.CACHE_PREFIX + r.contentHash());
      }
      byKey.putAll(catalog.cachedEmbeddings(clipId, clipVersion, keys));
    }
    List<float[]> vs = new ArrayList<>();
    List<Item> items = new ArrayList<>();
    MessageDigest md = sha256();
    md.update((clipId + "\n" + clipVersion + "\nimages\n").getBytes(StandardCharsets.UTF_8));
    for (ImageRecord r : images) {
      float[] v = byKey.get(PhotoIngest.CACHE_PREFIX + r.contentHash());
      if (v == null) {
        continue;
      }
      String name = fileName(r.path());
      StringBuilder text = new StringBuilder(name);
      if (r.cameraModel() != null) {
        text.append(' ').append(r.cameraModel());
      }
      if (r.taken() != null) {
        text.append(' ').append(r.taken(), 0, Math.min(10, r.taken().length()));
      }
      items.add(new Item(r.path() + "#image", r.path(), name, 0, 0, text.toString()));
      vs.add(v);
      md.update((r.path() + "=" + r.contentHash() + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return new VectorSet(clipId, vs.toArray(new float[0][]), items,
        HexFormat.of().formatHex(md.digest()).substring(0, 32));
  }

  static String fileName(String path) {
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return path.substring(slash + 1);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256 in this JVM", e);
    }
  }

  public String modelId() {
    return modelId;
  }

  /** The vectors, one row per item (shared, not copied: callers must not modify them). */
  public float[][] vectors() {
    return vectors;
  }

  public List<Item> items() {
    return items;
  }

  public int size() {
    return vectors.length;
  }

  public int dims() {
    return vectors.length == 0 ? 0 : vectors[0].length;
  }

  public String fingerprint() {
    return fingerprint;
  }
}
