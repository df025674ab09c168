package io.sextant.services.indexing;

import io.sextant.services.catalog.Catalog;
import io.sextant.services.model.EmbeddingBatch;
import io.sextant.services.model.TextEmbedder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Gets vectors for chunk texts through the catalog's embedding cache, running the model only for
 * texts it has never embedded. The cache key is (text hash, model id, model file hash), so a
 * changed model file never serves stale vectors, and identical texts (boilerplate, duplicates,
 * unchanged chunks of an edited file) are embedded once.
 */
public final class CachedEmbedder {

  private final Catalog catalog;
  private final EmbedderSource embedders;

  private long embedded;
  private long truncated;

  public CachedEmbedder(Catalog catalog, EmbedderSource embedders) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.embedders = Objects.requireNonNull(embedders, "embedders");
  }

  /**
   * Vectors for each text hash, for one model.
   *
   * @param texts text hash to text (hashes are unique keys)
   */
  public Map<String, float[]> vectors(String modelId, Map<String, String> texts, IngestListener listener) {
    // The hash comes from the manifest, not a loaded model: a run the cache serves wholly (a
    // rebuild under new HNSW or quantisation settings) must not pay for loading the model.
    String sha = embedders.manifest(modelId).onnxSha256();
    Map<String, float[]> out = new HashMap<>(catalog.cachedEmbeddings(modelId, sha, texts.keySet()));
    List<String> missingHashes = new ArrayList<>();
    List<String> missingTexts = new ArrayList<>();
    texts.forEach((hash, text) -> {
      if (!out.containsKey(hash)) {
        missingHashes.add(hash);
        missingTexts.add(text);
      }
    });
    if (!missingTexts.isEmpty()) {
      TextEmbedder embedder = embedders.embedder(modelId);
      if (!embedder.manifest().onnxSha256().equals(sha)) {
        throw new IllegalStateException("model " + modelId + " was loaded from a file with SHA-256 "
            + embedder.manifest().onnxSha256() + " but its manifest names " + sha);
      }
      EmbeddingBatch batch = embedder.embedPassages(missingTexts);
      Map<String, float[]> fresh = new LinkedHashMap<>();
      for (int i = 0; i < missingHashes.size(); i++) {
        fresh.put(missingHashes.get(i), batch.vectors()[i]);
      }
      catalog.putEmbeddings(modelId, sha, fresh);
      out.putAll(fresh);
      embedded += missingTexts.size();
      truncated += batch.truncated();
      listener.chunksEmbedded(missingTexts.size());
    }
    return out;
  }

  /** Chunk vectors computed by a model (not served from the cache) since construction. */
  public long embedded() {
    return embedded;
  }

  /** Inputs cut at the model's token limit since construction. */
  public long truncated() {
    return truncated;
  }
}
