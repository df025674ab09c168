package io.sextant.services.rerank;

import io.sextant.services.index.VectorMath;
import io.sextant.services.model.EmbeddingBatch;
import io.sextant.services.model.TextEmbedder;
import io.sextant.services.search.Reranker;
import java.util.List;
import java.util.Objects;

/**
 * A (usually larger) embedding model re-scoring another model's candidates by cosine. The search
 * service uses the index's stored vectors when it holds this model's; this class is the fallback
 * that embeds the candidate passages at query time, for workspaces indexed with the small model
 * only.
 */
public final class BiEncoderReranker implements Reranker {

  private final TextEmbedder embedder;

  public BiEncoderReranker(TextEmbedder embedder) {
    this.embedder = Objects.requireNonNull(embedder, "embedder");
  }

  @Override
  public double[] score(String query, List<String> passages) {
    float[] q = VectorMath.normalise(embedder.embedQuery(query));
    double[] out = new double[passages.size()];
    if (passages.isEmpty()) {
      return out;
    }
    EmbeddingBatch batch = embedder.embedPassages(passages);
    for (int i = 0; i < out.length; i++) {
      out[i] = VectorMath.dot(q, VectorMath.normalise(batch.vectors()[i]));
    }
    return out;
  }
}
