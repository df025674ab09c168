package io.sextant.services.indexing;

import io.sextant.services.catalog.Catalog;
import io.sextant.services.catalog.ChunkRecord;
import io.sextant.services.catalog.FileRecord;
import io.sextant.services.catalog.FileStatus;
import io.sextant.services.catalog.SourceRecord;
import io.sextant.services.index.ChunkIndex;
import io.sextant.services.index.IndexedChunk;
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
 *
 * <p>It reads file by file rather than streaming every chunk through one cursor, because filling
 * a cache miss writes to the catalog, which must not happen while a read cursor is open.
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
    // A bulk load: one HNSW graph built at the end instead of one per flushed segment and again
    // at every merge.
    index.beginBulk();
    boolean finished = false;
    try {
      long written = 0;
      List<FileRecord> files = new ArrayList<>();
      List<ChunkRecord> chunks = new ArrayList<>();
      for (SourceRecord source : catalog.sources()) {
        for (FileRecord f : catalog.files(source.id())) {
          if (f.status() != FileStatus.INDEXED) {
            continue;
          }
          for (ChunkRecord c : catalog.chunks(f.id())) {
            files.add(f);
            chunks.add(c);
          }
          if (chunks.size() >= BATCH) {
            written += writeBatch(index, modelIds, files, chunks, listener);
            files.clear();
            chunks.clear();
          }
        }
      }
      written += writeBatch(index, modelIds, files, chunks, listener);
      index.finishBulk();
      finished = true;
      return new Result(written, embedder.embedded(), (System.nanoTime() - t0) / 1e9);
    } finally {
      if (!finished) {
        index.cancelBulk(); // the caller discards or keeps what was added; later writes get graphs
      }
    }
  }

  private long writeBatch(ChunkIndex index, List<String> modelIds, List<FileRecord> files,
      List<ChunkRecord> chunks, IngestListener listener) throws IOException {
    if (chunks.isEmpty()) {
      return 0;
    }
    Map<String, String> texts = new LinkedHashMap<>();
    for (ChunkRecord c : chunks) {
      texts.putIfAbsent(c.textHash(), c.text());
    }
    Map<String, Map<String, float[]>> byModel = new LinkedHashMap<>();
    for (String m : modelIds) {
      byModel.put(m, embedder.vectors(m, texts, listener));
    }
    List<IndexedChunk> docs = new ArrayList<>(chunks.size());
    for (int i = 0; i < chunks.size(); i++) {
      ChunkRecord c = chunks.get(i);
      FileRecord f = files.get(i);
      Map<String, float[]> vectors = new LinkedHashMap<>();
      for (String m : modelIds) {
        vectors.put(m, byModel.get(m).get(c.textHash()));
      }
      docs.add(IngestService.toIndexed(Path.of(f.path()), f.title(), f.size(), f.mtimeMs(),
          c.toChunk(), vectors));
    }
    index.addAll(docs);
    return docs.size();
  }
}
