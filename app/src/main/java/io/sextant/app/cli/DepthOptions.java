package io.sextant.app.cli;

import io.sextant.services.search.Rerank;
import picocli.CommandLine.Option;

/** Second-stage and truncation options shared by {@code search} and {@code eval}. */
final class DepthOptions {

  @Option(names = "--rerank", paramLabel = "MODEL",
      description = "Re-rank the first stage's top documents with this model: a cross-encoder "
          + "folder under DATA/rerankers, or an embedding model (bi-encoder), e.g. bge-small-en-v1.5.")
  String rerank;

  @Option(names = "--rerank-depth", paramLabel = "N", defaultValue = "" + Rerank.DEFAULT_DEPTH,
      description = "How many first-stage documents the reranker re-scores (default: ${DEFAULT-VALUE}).")
  int rerankDepth;

  @Option(names = "--dims", paramLabel = "D", defaultValue = "0",
      description = "Use only the first D dimensions of the model's vectors, re-normalised "
          + "(Matryoshka-style truncation; default: all).")
  int dims;

  /** The second stage asked for, or null. */
  Rerank toRerank() {
    return rerank == null ? null : new Rerank(rerank, rerankDepth);
  }
}
