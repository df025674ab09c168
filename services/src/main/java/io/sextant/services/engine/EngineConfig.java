package io.sextant.services.engine;

import io.sextant.services.index.IndexSettings;
import io.sextant.services.ingest.ChunkerSettings;
import java.util.List;
import java.util.Objects;

/**
 * The settings a workspace is indexed with. Stored in the catalog, so a workspace reopens with
 * the settings it was built with unless the caller asks for others.
 *
 * @param models enabled embedding models (each gets a vector field)
 * @param chunker chunk size and overlap in model tokens
 * @param index HNSW and vector-encoding settings
 * @param threads inference threads per model
 * @param batchSize texts per inference batch
 */
public record EngineConfig(List<String> models, ChunkerSettings chunker, IndexSettings index,
    int threads, int batchSize) {

  /** The model a new workspace gets: bge-small int8 is the best quality per CPU-second built in. */
  public static final String DEFAULT_MODEL = "bge-small-en-v1.5-q";

  public EngineConfig {
    models = List.copyOf(Objects.requireNonNull(models, "models"));
    if (models.isEmpty()) {
      throw new IllegalArgumentException("at least one model must be enabled");
    }
    if (models.stream().distinct().count() != models.size()) {
      throw new IllegalArgumentException("a model is listed twice: " + models);
    }
    Objects.requireNonNull(chunker, "chunker");
    Objects.requireNonNull(index, "index");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    if (batchSize < 1 || batchSize > 1024) {
      throw new IllegalArgumentException("batchSize must be in 1..1024, got " + batchSize);
    }
  }

  public static EngineConfig defaults() {
    return new EngineConfig(List.of(DEFAULT_MODEL), ChunkerSettings.DEFAULT, IndexSettings.DEFAULT,
        Runtime.getRuntime().availableProcessors(), 32);
  }

  public EngineConfig withModels(List<String> m) {
    return new EngineConfig(m, chunker, index, threads, batchSize);
  }

  public EngineConfig withIndex(IndexSettings s) {
    return new EngineConfig(models, chunker, s, threads, batchSize);
  }

  public EngineConfig withChunker(ChunkerSettings c) {
    return new EngineConfig(models, c, index, threads, batchSize);
  }

  /** What the Lucene index depends on: the vector fields and their HNSW settings. */
  public String indexFingerprint() {
    return "models=" + String.join(",", models.stream().sorted().toList()) + ";" + index.fingerprint();
  }
}
