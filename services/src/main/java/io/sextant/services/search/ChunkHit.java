package io.sextant.services.search;

import java.util.List;
import java.util.Objects;

/**
 * One chunk in a search result, with what each retriever said about it.
 *
 * @param chunkId unique chunk id
 * @param docKey key of the document the chunk belongs to
 * @param path path shown to users
 * @param title title shown to users
 * @param text full chunk text
 * @param page 1-based page, or 0
 * @param ordinal position of the chunk within its document
 * @param start character offset of the chunk in the document text
 * @param end character offset one past the chunk's end
 * @param snippet plain-text excerpt to display
 * @param highlights {@code [start, end)} character ranges within {@code snippet} of matched query
 *     terms, ascending and non-overlapping
 * @param bm25Score BM25 score, or null if the keyword retriever did not return the chunk
 * @param bm25Rank 1-based rank in the keyword list, or null
 * @param vectorScore cosine similarity to the query, or null if the vector retriever did not
 *     return the chunk
 * @param vectorRank 1-based rank in the vector list, or null
 * @param score the score the chunk was ranked by: BM25, cosine or the fused score, per mode, or
 *     the second stage's score when the chunk was re-ranked
 * @param firstStageScore the first-stage score of a re-ranked chunk, or null when the chunk was
 *     not re-scored by a second stage
 */
public record ChunkHit(
    String chunkId,
    String docKey,
    String path,
    String title,
    String text,
    int page,
    int ordinal,
    int start,
    int end,
    String snippet,
    List<int[]> highlights,
    Double bm25Score,
    Integer bm25Rank,
    Double vectorScore,
    Integer vectorRank,
    double score,
    Double firstStageScore) {

  public ChunkHit {
    Objects.requireNonNull(chunkId, "chunkId");
    Objects.requireNonNull(docKey, "docKey");
    Objects.requireNonNull(snippet, "snippet");
    highlights = List.copyOf(highlights);
    for (int[] r : highlights) {
      if (r.length != 2 || r[0] < 0 || r[1] < r[0] || r[1] > snippet.length()) {
        throw new IllegalArgumentException("bad highlight range for snippet of " + snippet.length());
      }
    }
    if ((bm25Score == null) != (bm25Rank == null) || (vectorScore == null) != (vectorRank == null)) {
      throw new IllegalArgumentException("a score and its rank must be both present or both absent");
    }
  }

  /** A hit without a second stage. */
  public ChunkHit(String chunkId, String docKey, String path, String title, String text, int page,
      int ordinal, int start, int end, String snippet, List<int[]> highlights, Double bm25Score,
      Integer bm25Rank, Double vectorScore, Integer vectorRank, double score) {
    this(chunkId, docKey, path, title, text, page, ordinal, start, end, snippet, highlights,
        bm25Score, bm25Rank, vectorScore, vectorRank, score, null);
  }

  /** Whether a second stage re-scored this chunk ({@link #score} is then the reranker's). */
  public boolean reranked() {
    return firstStageScore != null;
  }

  /** The reranker's score, or null when the chunk was not re-ranked. */
  public Double rerankScore() {
    return reranked() ? score : null;
  }
}
