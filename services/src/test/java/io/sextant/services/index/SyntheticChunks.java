package io.sextant.services.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Deterministic test data: clustered unit vectors (random centroids plus noise, so HNSW sees the
 * uneven density of real embeddings rather than uniform noise) and texts from a small word list.
 */
public final class SyntheticChunks {

  public static final String MODEL = "test-model";

  public static final List<String> WORDS =
      List.of(
          "river", "mountain", "engine", "garden", "ledger", "harbor", "violin", "copper",
          "planet", "meadow", "lantern", "glacier", "orchard", "compass", "canyon", "falcon",
          "pepper", "quartz", "saddle", "timber", "velvet", "walnut", "yarrow", "zephyr",
          "anchor", "beacon", "cobalt", "dynamo", "ember", "fjord", "granite", "hollow");

  public static final List<String> TYPES = List.of("txt", "md", "pdf", "docx");

  public static final List<String> FOLDERS =
      List.of("/corpus/alpha", "/corpus/alpha/deep", "/corpus/beta", "/elsewhere");

  /** Epoch ms of the first synthetic file; file i is modified i hours later. */
  public static final long BASE_MILLIS = 1_700_000_000_000L;

  private SyntheticChunks() {}

  /** {@code n} unit vectors around {@code clusters} random centroids. */
  public static float[][] clusteredVectors(long seed, int n, int dim, int clusters, float noise) {
    Random rnd = new Random(seed);
    float[][] centroids = new float[clusters][];
    for (int c = 0; c < clusters; c++) {
      centroids[c] = gaussianUnit(rnd, dim);
    }
    float[][] out = new float[n][];
    for (int i = 0; i < n; i++) {
      float[] centroid = centroids[rnd.nextInt(clusters)];
      float[] v = new float[dim];
      for (int d = 0; d < dim; d++) {
        v[d] = centroid[d] + noise * (float) rnd.nextGaussian();
      }
      out[i] = VectorMath.normalise(v);
    }
    return out;
  }

  public static float[] gaussianUnit(Random rnd, int dim) {
    float[] v = new float[dim];
    for (int d = 0; d < dim; d++) {
      v[d] = (float) rnd.nextGaussian();
    }
    return VectorMath.normalise(v);
  }

  /**
   * {@code vectors.length} chunks, {@code chunksPerDoc} per document; chunk i gets vector i.
   * Document j lives in FOLDERS[j % 4], has type TYPES[j % 4], modified BASE + j hours and size
   * 1000 * (j + 1) bytes.
   */
  public static List<IndexedChunk> chunks(long seed, float[][] vectors, int chunksPerDoc) {
    Random rnd = new Random(seed ^ 0x5DEECE66DL);
    List<IndexedChunk> out = new ArrayList<>();
    for (int i = 0; i < vectors.length; i++) {
      int doc = i / chunksPerDoc;
      StringBuilder text = new StringBuilder();
      for (int w = 0, words = 8 + rnd.nextInt(12); w < words; w++) {
        text.append(w == 0 ? "" : " ").append(WORDS.get(rnd.nextInt(WORDS.size())));
      }
      out.add(chunk(i, doc, i % chunksPerDoc, text.toString(), Map.of(MODEL, vectors[i])));
    }
    return out;
  }

  public static IndexedChunk chunk(
      int id, int doc, int ordinal, String text, Map<String, float[]> vectors) {
    String folder = FOLDERS.get(doc % FOLDERS.size());
    String type = TYPES.get(doc % TYPES.size());
    String path = folder + "/doc" + doc + "." + type;
    return new IndexedChunk(
        "c" + id, path, doc, path, "Document " + doc, type, folder, text, ordinal,
        ordinal * 1000, ordinal * 1000 + text.length(), 0,
        BASE_MILLIS + doc * 3_600_000L, 1000L * (doc + 1), vectors);
  }

  /** Deletes a directory tree; for test clean-up. */
  public static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
