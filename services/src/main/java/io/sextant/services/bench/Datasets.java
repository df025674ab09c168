package io.sextant.services.bench;

import io.sextant.services.eval.BeirDataset;
import io.sextant.services.model.EmbeddingBatch;
import io.sextant.services.model.TextEmbedder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The vector datasets of the {@code ann}, {@code build} and {@code quant} suites, cached under
 * {@code <bench cache>/vectors}:
 *
 * <ul>
 *   <li>{@code latent32}: {@code -P n=} vectors (default 100,000) x 384 and {@code -P queries=}
 *       queries (default 1,000) of the peers' latent32 recipe;
 *   <li>{@code scifact}: real embeddings — the SciFact corpus ({@code ../shared/data/scifact},
 *       5,183 documents, title + text as MTEB embeds them) and its 300 test queries, embedded
 *       once by {@code -P model=} (default all-minilm-l6-v2-q, our int8 MiniLM).
 * </ul>
 */
final class Datasets {

  private Datasets() {}

  /**
   * @param models opens an embedding model by id (only called when scifact is not cached yet)
   */
  static VectorData load(String which, BenchContext ctx, Function<String, TextEmbedder> models) throws IOException {
    Path dir = ctx.cache().resolve("vectors");
    return switch (which) {
      case "latent32" -> {
        int n = ctx.intParam("n", 100_000);
        int q = ctx.intParam("queries", 1_000);
        ctx.say("data: latent32, %d x 384, %d queries (cached in %s)", n, q, dir);
        yield VectorData.latent32(n, q, 384, dir, ctx.threads());
      }
      case "scifact" -> {
        Path beir = ctx.requireShared("data/scifact", "the scifact dataset");
        String model = ctx.param("model", "all-minilm-l6-v2-q");
        ctx.say("data: SciFact corpus and test queries embedded by %s (cached in %s)", model, dir);
        yield VectorData.cached("scifact-" + model, dir, ctx.threads(), () -> embed(beir, model, ctx, models));
      }
      default -> throw new IllegalArgumentException("unknown dataset '" + which + "'; use latent32 or scifact");
    };
  }

  private static float[][][] embed(Path beir, String model, BenchContext ctx, Function<String, TextEmbedder> models) {
    try {
      BeirDataset ds = BeirDataset.load(beir, "test");
      List<String> docs = new ArrayList<>();
      for (BeirDataset.Doc d : ds.corpus()) {
        docs.add(d.mtebText());
      }
      ctx.say("embedding %d SciFact documents with %s (once; a few minutes)...", docs.size(), model);
      long t0 = System.nanoTime();
      try (TextEmbedder e = models.apply(model)) {
        float[][] base = new float[docs.size()][];
        int step = 256;
        for (int i = 0; i < docs.size(); i += step) {
          EmbeddingBatch b = e.embedPassages(docs.subList(i, Math.min(docs.size(), i + step)));
          System.arraycopy(b.vectors(), 0, base, i, b.vectors().length);
        }
        List<String> qs = new ArrayList<>(ds.queries().values());
        float[][] queries = new float[qs.size()][];
        for (int i = 0; i < qs.size(); i++) {
          queries[i] = e.embedQuery(qs.get(i));
        }
        ctx.say("embedded in %.0f s", (System.nanoTime() - t0) / 1e9);
        return new float[][][] {base, queries};
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("embedding SciFact failed: " + e.getMessage(), e);
    }
  }
}
