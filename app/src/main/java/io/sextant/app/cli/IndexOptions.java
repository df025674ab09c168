package io.sextant.app.cli;

import io.sextant.services.index.IndexSettings;
import io.sextant.services.index.VectorEncoding;
import io.sextant.services.ingest.ChunkerSettings;
import picocli.CommandLine.Option;

/**
 * Index and chunker options shared by {@code index} and {@code eval}. An option left out keeps the
 * base value: the workspace's stored setting for {@code index}, the default for {@code eval}.
 */
final class IndexOptions {

  @Option(names = "--chunk-tokens", description = "Chunk size in model tokens (default 256).")
  Integer chunkTokens;

  @Option(names = "--chunk-overlap", description = "Chunk overlap in model tokens (default 32).")
  Integer chunkOverlap;

  @Option(names = "--hnsw-m", description = "HNSW max connections per node (default 16).")
  Integer hnswM;

  @Option(names = "--hnsw-beam", description = "HNSW beam width while building (default 100).")
  Integer beam;

  @Option(names = "--encoding", description = "Vector encoding: ${COMPLETION-CANDIDATES} (default float32).")
  VectorEncoding encoding;

  ChunkerSettings chunker(ChunkerSettings base) {
    return new ChunkerSettings(chunkTokens != null ? chunkTokens : base.targetTokens(),
        chunkOverlap != null ? chunkOverlap : base.overlapTokens());
  }

  IndexSettings index(IndexSettings base) {
    return new IndexSettings(hnswM != null ? hnswM : base.hnswM(), beam != null ? beam : base.beamWidth(),
        encoding != null ? encoding : base.encoding());
  }
}
