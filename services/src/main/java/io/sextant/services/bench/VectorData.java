package io.sextant.services.bench;

import io.sextant.services.explore.UmapBenchmark;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.lucene.util.VectorUtil;

/**
 * Unit vectors to index, queries, and each query's exact 10 nearest neighbours, kept as files in
 * the bench cache so every engine (ours, bare Lucene, hnswlib-node in another process) replays the
 * very same vectors. Files: float32 little-endian row-major ({@code .base.f32}, {@code .query.f32}),
 * int32 ids ({@code .gt10.i32}) — the layout of the shared peers' {@code --export}.
 *
 * @param name dataset name, e.g. {@code latent32-100000}
 * @param base vectors to index, unit length
 * @param queries query vectors, unit length
 * @param truth for each query the ids (rows of {@code base}) of its {@link #K} nearest by dot
 *     product, best first
 * @param files where the three files are
 */
public record VectorData(String name, float[][] base, float[][] queries, int[][] truth, Files3 files) {

  /** Neighbours per query in the ground truth; recall is recall@K. */
  public static final int K = 10;

  /** The three files of a dataset. */
  public record Files3(Path base, Path queries, Path truth) {}

  public VectorData {
    Objects.requireNonNull(name, "name");
    if (base.length == 0 || queries.length == 0 || truth.length != queries.length) {
      throw new IllegalArgumentException(name + ": need base vectors, queries and one truth row per query");
    }
  }

  public int dims() {
    return base[0].length;
  }

  /**
   * The latent32 vectors of the peers' recipe (32-d Gaussian latent through a fixed 384x32 map, 5 %
   * noise, normalised): {@code n} to index and {@code q} queries from the same map. Generated once
   * and cached in {@code cacheDir}.
   */
  public static VectorData latent32(int n, int q, int dims, Path cacheDir, int threads) throws IOException {
    String name = "latent32-" + n + "x" + dims + "-q" + q;
    return cached(name, cacheDir, threads, () -> {
      float[][] all = UmapBenchmark.latent32(n + q, dims, 42);
      float[][] base = new float[n][];
      float[][] queries = new float[q][];
      System.arraycopy(all, 0, base, 0, n);
      System.arraycopy(all, n, queries, 0, q);
      return new float[][][] {base, queries};
    });
  }

  /**
   * A dataset from vectors computed elsewhere (e.g. a model's embeddings), cached under
   * {@code name}; {@code compute} runs only when the cache lacks it.
   *
   * @param compute returns {base, queries}
   */
  public static VectorData cached(String name, Path cacheDir, int threads, Supplier<float[][][]> compute)
      throws IOException {
    Files.createDirectories(cacheDir);
    Files3 f = new Files3(cacheDir.resolve(name + ".base.f32"), cacheDir.resolve(name + ".query.f32"),
        cacheDir.resolve(name + ".gt10.i32"));
    Path meta = cacheDir.resolve(name + ".shape");
    if (Files.exists(meta) && Files.exists(f.base()) && Files.exists(f.queries()) && Files.exists(f.truth())) {
      String[] shape = Files.readString(meta).trim().split(" ");
      int n = Integer.parseInt(shape[0]);
      int q = Integer.parseInt(shape[1]);
      int d = Integer.parseInt(shape[2]);
      return new VectorData(name, readF32(f.base(), n, d), readF32(f.queries(), q, d), readI32(f.truth(), q, K), f);
    }
    float[][][] bq = compute.get();
    float[][] base = bq[0];
    float[][] queries = bq[1];
    int[][] truth = exactTopK(base, queries, K, threads);
    writeF32(f.base(), base);
    writeF32(f.queries(), queries);
    writeI32(f.truth(), truth);
    // written last: its presence says the other three are complete
    atomicWrite(meta, base.length + " " + queries.length + " " + base[0].length + "\n");
    return new VectorData(name, base, queries, truth, f);
  }

  /** Exact top {@code k} of every query by dot product, brute force over {@code threads} threads. */
  public static int[][] exactTopK(float[][] base, float[][] queries, int k, int threads) {
    int[][] out = new int[queries.length][];
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> jobs = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t;
        jobs.add(pool.submit(() -> {
          for (int i = first; i < queries.length; i += threads) {
            out[i] = topK(base, queries[i], k);
          }
        }));
      }
      for (Future<?> j : jobs) {
        j.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("ground truth failed", e);
    } finally {
      pool.shutdownNow();
    }
    return out;
  }

  private static int[] topK(float[][] base, float[] q, int k) {
    int[] ids = new int[k];
    float[] scores = new float[k];
    java.util.Arrays.fill(scores, Float.NEGATIVE_INFINITY);
    java.util.Arrays.fill(ids, -1);
    for (int j = 0; j < base.length; j++) {
      float s = VectorUtil.dotProduct(q, base[j]);
      if (s <= scores[k - 1]) {
        continue;
      }
      int p = k - 1;
      while (p > 0 && scores[p - 1] < s) {
        scores[p] = scores[p - 1];
        ids[p] = ids[p - 1];
        p--;
      }
      scores[p] = s;
      ids[p] = j;
    }
    return ids;
  }

  /** Fraction of the true top 10 found in {@code found} (at most the first 10 entries count). */
  public static int hits(int[] truthRow, int[] found) {
    int h = 0;
    for (int i = 0; i < Math.min(K, found.length); i++) {
      for (int t : truthRow) {
        if (t == found[i]) {
          h++;
          break;
        }
      }
    }
    return h;
  }

  static float[][] readF32(Path p, int n, int d) throws IOException {
    ByteBuffer bb = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
    if (bb.remaining() != (long) n * d * 4) {
      throw new IOException(p + " has " + bb.remaining() + " bytes, expected " + (long) n * d * 4);
    }
    float[][] v = new float[n][d];
    for (float[] row : v) {
      bb.asFloatBuffer().get(row);
      bb.position(bb.position() + d * 4);
    }
    return v;
  }

  static int[][] readI32(Path p, int n, int d) throws IOException {
    ByteBuffer bb = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
    int[][] v = new int[n][d];
    for (int[] row : v) {
      bb.asIntBuffer().get(row);
      bb.position(bb.position() + d * 4);
    }
    return v;
  }

  static void writeF32(Path p, float[][] rows) throws IOException {
    ByteBuffer bb = ByteBuffer.allocate(rows.length * rows[0].length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float[] r : rows) {
      for (float x : r) {
        bb.putFloat(x);
      }
    }
    write(p, bb);
  }

  static void writeI32(Path p, int[][] rows) throws IOException {
    ByteBuffer bb = ByteBuffer.allocate(rows.length * rows[0].length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int[] r : rows) {
      for (int x : r) {
        bb.putInt(x);
      }
    }
    write(p, bb);
  }

  private static void write(Path p, ByteBuffer bb) throws IOException {
    bb.flip();
    Path tmp = p.resolveSibling(p.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE)) {
      while (bb.hasRemaining()) {
        ch.write(bb);
      }
    }
    Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void atomicWrite(Path p, String text) throws IOException {
    Path tmp = p.resolveSibling(p.getFileName() + ".tmp");
    Files.writeString(tmp, text);
    Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
