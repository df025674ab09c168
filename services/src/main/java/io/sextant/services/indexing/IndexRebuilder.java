package io.sextant.services.indexing;

import io.sextant.services.catalog.Catalog;
import io.sextant.services.index.ChunkIndex;
import io.sextant.services.index.IndexedChunk;
import io.sextant.services.ingest.Chunk;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Rewrites the whole Lucene index from the catalog: chunk texts and metadata come from SQLite,
 * vectors from the embedding cache. A model runs only for (chunk, model) pairs the cache has never
 * seen, e.g. when a model is added; changing HNSW or quantisation settings runs none.
 */
public final class IndexRebuilder {

  private static final int BATCH = 512;

  private final Catalog catalog;
  private final CachedEmbedder embedder;

  public IndexRebuilder(Catalog catalog, EmbedderSource embedders) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.embedder = new CachedEmbedder(catalog, embedders);
  }

  /** Result of a rebuild: chunks written and chunk vectors a model had to compute. */
  public record Result(long chunks, long embedded, double seconds) {}

  public Result rebuild(ChunkIndex index, List<String> modelIds, IngestListener listener) throws IOException {
    long t0 = System.nanoTime();
    index.deleteAll();
    List<io.sextant.services.catalog.IndexedChunk> batch = new ArrayList<>(BATCH);
    long[] written = {0};
    IOException[] failure = {null};
    catalog.forEachChunk(row -> {
      if (failure[0] != null) {
        return;
      }
      batch.add(row);
      if (batch.size() == BATCH) {
        try {
          written[0] += writeBatch(index, modelIds, batch, listener);
        } catch (IOException e) {
          failure[0] = e;
        }
        batch.clear();
      }
    });
    if (failure[0] != null) {
      throw failure[0];
    }
    written[0] += writeBatch(index, modelIds, batch, listener);
    index.commit();
    return new Result(written[0], embedder.embedded(), (System.nanoTime() - t0) / 1e9);
  }

  private long writeBatch(ChunkIndex index, List<String> modelIds, List<io.sextant.services.catalog.IndexedChunk> rows,
      IngestListener listener) throws IOException {
    if (rows.isEmpty()) {
      return 0;
    }
    Map<String, String> texts = new LinkedHashMap<>();
    for (var r : rows) {
      texts.putIfAbsent(r.chunk().textHash(), r.chunk().text());
    }
    Map<String, Map<String, float[]>> byModel = new LinkedHashMap<>();
    for (String m : modelIds) {
      byModel.put(m, embedder.vectors(m, texts, listener));
    }
    List<IndexedChunk> docs = new ArrayList<>(rows.size());
    for (var r : rows) {
      var c = r.chunk();
      Map<String, float[]> vectors = new LinkedHashMap<>();
      for (String m : modelIds) {
        vectors.put(m, byModel.get(m).get(c.textHash()));
      }
      Chunk chunk = c.toChunk();
      docs.add(IngestService.toIndexed(Path.of(r.file().path()), r.file().title(), r.file().size(),
          r.file().mtimeMs(), chunk, vectors));
    }
    index.addAll(docs);
    return docs.size();
  }
}
