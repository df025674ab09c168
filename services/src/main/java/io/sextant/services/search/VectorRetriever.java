package io.sextant.services.search;

import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.ConjunctionUtils;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.HitQueue;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.VectorUtil;

/**
 * Nearest chunks to a unit query vector. Every list it returns is best first and scored by the
 * raw dot product (cosine for unit vectors), not Lucene's (1 + dot) / 2, so scores mean the same
 * whichever path produced them.
 */
final class VectorRetriever {

  private static final Comparator<ScoreDoc> BEST_FIRST =
      Comparator.comparingDouble((ScoreDoc d) -> d.score).reversed().thenComparingInt(d -> d.doc);

  /**
   * Most approximate hits fetched for rescoring, whatever candidates x oversample asks for: HNSW
   * cost grows with k, and beyond this rescoring reads more vectors than an exact scan would.
   */
  static final int MAX_FETCH = 100_000;

  private VectorRetriever() {}

  /**
   * HNSW search for the {@code n} nearest live chunks matching {@code filter} (null: all).
   *
   * @param rescore fetch {@code n * oversample} approximate hits and re-rank them by exact float
   *     dot product; for quantised encodings, whose graph scores are estimates
   */
  static ScoreDoc[] approximate(
      IndexSearcher searcher, String field, float[] query, int n, Query filter,
      boolean rescore, int oversample) throws IOException {
    int fetch = rescore ? (int) Math.min((long) n * oversample, MAX_FETCH) : n;
    ScoreDoc[] hits = CapturingKnnQuery.search(searcher, field, query, fetch, filter);
    if (rescore) {
      return rescore(searcher, field, query, hits, n);
    }
    for (ScoreDoc hit : hits) {
      // Lucene scores DOT_PRODUCT as (1 + dot) / 2 to keep scores non-negative; undo that (in
      // place: these ScoreDocs belong to this search alone).
      hit.score = 2f * hit.score - 1f;
    }
    return hits;
  }

  /**
   * A {@link KnnFloatVectorQuery} that keeps the merged top hits it computes while rewriting.
   *
   * <p>A kNN query does all its work in {@code rewrite} (HNSW per segment, filters, merging) and
   * turns the result into a query over those docs, which {@code IndexSearcher.search} then scores
   * and collects a second time (weight, scorers, a top-docs collector, the query cache's
   * bookkeeping): about 6 % of a bare Lucene kNN search at 20k vectors, for a list the rewrite
   * already had. Taking the list from {@link #mergeLeafResults} skips that pass and changes nothing
   * else: same segments, filter handling, strategy and ordering (score, then doc id).
   */
  static final class CapturingKnnQuery extends KnnFloatVectorQuery {
    private ScoreDoc[] merged;

    private CapturingKnnQuery(String field, float[] target, int k, Query filter) {
      super(field, target, k, filter);
    }

    /** The {@code k} best live docs matching {@code filter}, best first, Lucene's scores. */
    static ScoreDoc[] search(IndexSearcher searcher, String field, float[] target, int k, Query filter)
        throws IOException {
      CapturingKnnQuery q = new CapturingKnnQuery(field, target, k, filter);
      searcher.rewrite(q);
      if (q.merged == null) {
        // not reached with Lucene 10.6, whose rewrite always merges; kept for a future rewrite
        return searcher.search(new KnnFloatVectorQuery(field, target, k, filter), k).scoreDocs;
      }
      return q.merged;
    }

    @Override
    protected TopDocs mergeLeafResults(TopDocs[] perLeafResults) {
      TopDocs top = super.mergeLeafResults(perLeafResults);
      // the array is copied: the rewrite goes on to sort it by doc id in place (it reads the
      // ScoreDocs into arrays of its own and never changes them, so they can be shared)
      merged = top.scoreDocs.clone();
      return top;
    }
  }

  /** Brute force: scores every live chunk matching {@code filter} and keeps the best {@code n}. */
  static ScoreDoc[] exact(IndexSearcher searcher, String field, float[] query, int n, Query filter)
      throws IOException {
    Weight filterWeight =
        filter == null
            ? null
            : searcher.createWeight(searcher.rewrite(filter), ScoreMode.COMPLETE_NO_SCORES, 1f);
    HitQueue top = new HitQueue(n, false);
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      FloatVectorValues values = leaf.reader().getFloatVectorValues(field);
      if (values == null) {
        continue;
      }
      KnnVectorValues.DocIndexIterator vectorDocs = values.iterator();
      DocIdSetIterator docs = vectorDocs;
      if (filterWeight != null) {
        Scorer filterScorer = filterWeight.scorer(leaf);
        if (filterScorer == null) {
          continue; // nothing in this segment passes the filter
        }
        docs = ConjunctionUtils.intersectIterators(List.of(vectorDocs, filterScorer.iterator()));
      }
      Bits live = leaf.reader().getLiveDocs();
      for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
        if (live != null && !live.get(doc)) {
          continue;
        }
        float score = VectorUtil.dotProduct(query, values.vectorValue(vectorDocs.index()));
        top.insertWithOverflow(new ScoreDoc(leaf.docBase + doc, score));
      }
    }
    ScoreDoc[] out = new ScoreDoc[top.size()];
    for (int i = out.length - 1; i >= 0; i--) {
      out[i] = top.pop();
    }
    return out;
  }

  /**
   * Re-scores {@code hits} with exact float dot products (quantised formats keep the raw vectors
   * next to the quantised ones) and returns the best {@code n}.
   */
  static ScoreDoc[] rescore(IndexSearcher searcher, String field, float[] query, ScoreDoc[] hits, int n)
      throws IOException {
    ScoreDoc[] byDoc = hits.clone();
    // Vector iterators only move forward, so visit hits in doc order.
    Arrays.sort(byDoc, Comparator.comparingInt(d -> d.doc));
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    ScoreDoc[] scored = new ScoreDoc[byDoc.length];
    int count = 0;
    int leafIndex = -1;
    FloatVectorValues values = null;
    KnnVectorValues.DocIndexIterator it = null;
    for (ScoreDoc hit : byDoc) {
      int li = ReaderUtil.subIndex(hit.doc, leaves);
      LeafReaderContext leaf = leaves.get(li);
      if (li != leafIndex) {
        leafIndex = li;
        values = leaf.reader().getFloatVectorValues(field);
        it = values == null ? null : values.iterator();
      }
      int local = hit.doc - leaf.docBase;
      if (it == null || (it.docID() < local && it.advance(local) != local) || it.docID() != local) {
        continue; // cannot happen for a hit HNSW just returned; skip rather than invent a score
      }
      scored[count++] = new ScoreDoc(hit.doc, VectorUtil.dotProduct(query, values.vectorValue(it.index())));
    }
    ScoreDoc[] out = Arrays.copyOf(scored, count);
    Arrays.sort(out, BEST_FIRST);
    return out.length > n ? Arrays.copyOf(out, n) : out;
  }

  /**
   * Brute force on vector prefixes: scores every live chunk matching {@code filter} by the cosine
   * between the unit {@code query} (of d dimensions) and the first d dimensions of its indexed
   * vector, re-normalised: what an index of truncated vectors would answer, without building one.
   */
  static ScoreDoc[] exactPrefix(
      IndexSearcher searcher, String field, float[] query, int n, Query filter) throws IOException {
    int d = query.length;
    Weight filterWeight =
        filter == null
            ? null
            : searcher.createWeight(searcher.rewrite(filter), ScoreMode.COMPLETE_NO_SCORES, 1f);
    HitQueue top = new HitQueue(n, false);
    float[] prefix = new float[d];
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      FloatVectorValues values = leaf.reader().getFloatVectorValues(field);
      if (values == null) {
        continue;
      }
      KnnVectorValues.DocIndexIterator vectorDocs = values.iterator();
      DocIdSetIterator docs = vectorDocs;
      if (filterWeight != null) {
        Scorer filterScorer = filterWeight.scorer(leaf);
        if (filterScorer == null) {
          continue;
        }
        docs = ConjunctionUtils.intersectIterators(List.of(vectorDocs, filterScorer.iterator()));
      }
      Bits live = leaf.reader().getLiveDocs();
      for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
        if (live != null && !live.get(doc)) {
          continue;
        }
        System.arraycopy(values.vectorValue(vectorDocs.index()), 0, prefix, 0, d);
        float norm = (float) Math.sqrt(VectorUtil.dotProduct(prefix, prefix));
        float score = norm == 0f ? 0f : VectorUtil.dotProduct(query, prefix) / norm;
        top.insertWithOverflow(new ScoreDoc(leaf.docBase + doc, score));
      }
    }
    ScoreDoc[] out = new ScoreDoc[top.size()];
    for (int i = out.length - 1; i >= 0; i--) {
      out[i] = top.pop();
    }
    return out;
  }

  /**
   * Dot products of {@code query} with the indexed vectors of {@code docs} (global ids, any
   * order), aligned with {@code docs}; 0 for a doc without a vector in {@code field}.
   */
  static float[] scores(IndexSearcher searcher, String field, float[] query, int[] docs)
      throws IOException {
    Integer[] order = new Integer[docs.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    // Vector iterators only move forward, so visit docs in id order.
    Arrays.sort(order, Comparator.comparingInt(i -> docs[i]));
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    float[] out = new float[docs.length];
    int leafIndex = -1;
    FloatVectorValues values = null;
    KnnVectorValues.DocIndexIterator it = null;
    for (int i : order) {
      int li = ReaderUtil.subIndex(docs[i], leaves);
      LeafReaderContext leaf = leaves.get(li);
      if (li != leafIndex) {
        leafIndex = li;
        values = leaf.reader().getFloatVectorValues(field);
        it = values == null ? null : values.iterator();
      }
      int local = docs[i] - leaf.docBase;
      if (it == null || (it.docID() < local && it.advance(local) != local) || it.docID() != local) {
        continue;
      }
      out[i] = VectorUtil.dotProduct(query, values.vectorValue(it.index()));
    }
    return out;
  }
}
