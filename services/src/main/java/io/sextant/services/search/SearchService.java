package io.sextant.services.search;

import io.sextant.services.index.ChunkFields;
import io.sextant.services.index.ChunkIndex;
import io.sextant.services.index.HitRecords;
import io.sextant.services.index.VectorEncoding;
import io.sextant.services.index.VectorMath;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;

import org.apache.lucene.util.QueryBuilder;
import org.apache.lucene.util.VectorUtil;

/**
 * Runs {@link SearchRequest}s against a {@link ChunkIndex}.
 *
 * <p>A search holds one searcher from start to finish, so all its stages (retrieval, grouping,
 * stored fields, snippets) see the same commit even while the index is being written. The service
 * keeps no per-search state and is safe to share between threads.
 */
public final class SearchService {

  /**
   * Chunks per document that get a highlighted snippet; the rest get a plain lead-in. One: a
   * result list, the CLI and the exports show each document's best passage, and highlighting is
   * the costliest step of building hits (it re-analyses the chunk's text). It was 3, for 2 passages
   * nothing showed.
   */
  static final int SNIPPETS_PER_DOC = 1;

  private final ChunkIndex index;
  private final QueryEmbedder embedder;
  private final RerankerSource rerankers;
  /** Runs a hybrid search's keyword retrieval beside its query embedding; null: all in order. */
  private final Executor parts;
  private final DocKeys docKeys = new DocKeys();

  /** A service that runs every stage of a search on the calling thread, one after the other. */
  public SearchService(ChunkIndex index, QueryEmbedder embedder) {
    this(index, embedder, RerankerSource.none());
  }

  /**
   * A service that runs every stage of a search on the calling thread, one after the other.
   *
   * @param rerankers second-stage models, asked only for models the index holds no vectors of
   */
  public SearchService(ChunkIndex index, QueryEmbedder embedder, RerankerSource rerankers) {
    this(index, embedder, rerankers, null);
  }

  /**
   * A service whose hybrid searches that embed their query text run the keyword retrieval on
   * {@code parts} while the calling thread embeds the query (same results as in order; the
   * keyword retrieval's time hides in the embedding's). Searches with a query vector given, or
   * with one side only, have nothing to overlap and run on the calling thread.
   *
   * @param rerankers second-stage models, asked only for models the index holds no vectors of
   * @param parts where the keyword retrieval runs; a busy executor costs no waiting, as the
   *     searching thread runs the retrieval itself when no worker has started it; null runs every
   *     stage in order on the calling thread
   */
  public SearchService(ChunkIndex index, QueryEmbedder embedder, RerankerSource rerankers,
      Executor parts) {
    this.index = Objects.requireNonNull(index, "index");
    this.embedder = Objects.requireNonNull(embedder, "embedder");
    this.rerankers = Objects.requireNonNull(rerankers, "rerankers");
    this.parts = parts;
  }

  /**
   * Searches the last commit of the index. An empty index answers every request with no hits;
   * an empty or stopword-only query gives no keyword hits (HYBRID then ranks by vectors alone).
   *
   * @throws IllegalArgumentException if the request names a model the index has no vectors for,
   *     or the query vector's dimension does not match the model's
   */
  public SearchResponse search(SearchRequest request) throws IOException {
    Objects.requireNonNull(request, "request");
    IndexSearcher searcher = index.acquireSearcher();
    try {
      return search(searcher, request);
    } finally {
      index.releaseSearcher(searcher);
    }
  }

  /**
   * The ranking of {@link #search} without building its hits: each result group's chunks as
   * (document key, score), best first. No stored field is read and no snippet made, so this is
   * the cheap form for callers that need only which documents rank where (evaluation runs,
   * benchmarks); the ranking is exactly the one {@link #search} returns.
   */
  public List<List<RankedChunk>> rank(SearchRequest request) throws IOException {
    Objects.requireNonNull(request, "request");
    IndexSearcher searcher = index.acquireSearcher();
    try {
      Ranking r = rank(searcher, request);
      if (r == null) {
        return List.of();
      }
      List<List<Candidate>> groups = r.groups();
      List<List<RankedChunk>> out = new ArrayList<>(groups.size());
      if (!request.groupByDoc()) {
        // one chunk per group (grouping by document loaded the keys already)
        List<Candidate> flat = new ArrayList<>(groups.size());
        for (List<Candidate> g : groups) {
          flat.add(g.get(0));
        }
        docKeys.load(searcher, flat);
        for (Candidate c : flat) {
          out.add(List.of(new RankedChunk(c.docKey, c.score)));
        }
        return out;
      }
      for (List<Candidate> g : groups) {
        List<RankedChunk> chunks = new ArrayList<>(g.size());
        for (Candidate c : g) {
          chunks.add(new RankedChunk(c.docKey, c.score));
        }
        out.add(chunks);
      }
      return out;
    } finally {
      index.releaseSearcher(searcher);
    }
  }

  /** One chunk of a {@link #rank} result: the key of its document and its final score. */
  public record RankedChunk(String docKey, double score) {}

  /** What the first stages produce; {@link #search} turns it into hits. */
  private record Ranking(List<List<Candidate>> groups, Query textQuery, String modelId, long embedNanos,
      int candidates, long rerankNanos) {}

  private SearchResponse search(IndexSearcher searcher, SearchRequest req) throws IOException {
    long t0 = System.nanoTime();
    SearchMode mode = req.mode();
    Ranking r = rank(searcher, req);
    if (r == null) {
      String modelId = mode == SearchMode.KEYWORD ? null : req.modelId();
      return new SearchResponse(List.of(), mode, modelId, 0, micros(t0, System.nanoTime()), 0);
    }
    List<DocHit> hits = toHits(searcher, r.groups(), r.textQuery(), req.query());
    long t1 = System.nanoTime();
    return new SearchResponse(hits, mode, r.modelId(), r.embedNanos() / 1000,
        micros(t0, t1) - r.embedNanos() / 1000, r.candidates(), r.rerankNanos() / 1000);
  }

  /** Retrieval, fusion, second stage and grouping; null for an empty index. */
  private Ranking rank(IndexSearcher searcher, SearchRequest req) throws IOException {
    SearchMode mode = req.mode();
    String modelId = mode == SearchMode.KEYWORD ? null : req.modelId();
    IndexReader reader = searcher.getIndexReader();
    if (reader.numDocs() == 0) {
      return null;
    }
    Query filter = FilterQueries.toQuery(req.filters());

    // Keyword side: null when the query analyses to nothing (empty, or stopwords only).
    Query textQuery =
        mode == SearchMode.SEMANTIC
            ? null
            : new QueryBuilder(index.analyzer())
                .createBooleanQuery(ChunkFields.TEXT, req.query(), BooleanClause.Occur.SHOULD);

    // Vector side: check the model before paying for an embedding.
    float[] vector = null;
    String field = null;
    long embedNanos = 0;
    boolean truncatedScan = false;
    // Set when the keyword retrieval runs beside the embedding; joined after the vector search.
    KeywordPart keyword = null;
    ScoreDoc[] nearest = new ScoreDoc[0];
    try {
      if (mode != SearchMode.KEYWORD) {
        field = ChunkFields.vectorField(modelId);
        FieldInfo info = vectorFieldInfo(reader, field);
        if (info == null) {
          throw new IllegalArgumentException(
              "the index has no vectors for model " + modelId + "; it has "
                  + ChunkIndex.vectorModels(reader));
        }
        float[] raw = req.queryVector();
        if (raw == null && !req.query().isBlank()) {
          if (textQuery != null && parts != null) {
            keyword = KeywordPart.start(parts, searcher, FilterQueries.filtered(textQuery, filter),
                req.candidates());
          }
          long e0 = System.nanoTime();
          raw = Objects.requireNonNull(embedder.embed(modelId, req.query()), "embedder returned null");
          embedNanos = System.nanoTime() - e0;
        }
        int indexed = info.getVectorDimension();
        if (raw != null && req.dims() > 0 && req.dims() < raw.length) {
          if (req.dims() > indexed) {
            throw new IllegalArgumentException(
                "cannot search " + req.dims() + " dimensions: model " + modelId + " is indexed with "
                    + indexed);
          }
          // Matryoshka-style: the query's prefix, re-normalised. An index built with that many
          // dimensions is searched as usual; a full-size one is scanned on the prefixes.
          raw = VectorMath.truncate(raw, req.dims());
          truncatedScan = req.dims() < indexed;
        }
        if (raw != null) {
          if (raw.length != indexed && !truncatedScan) {
            throw new IllegalArgumentException(
                "query vector has " + raw.length + " dimensions; model " + modelId + " has "
                    + indexed);
          }
          // Indexed vectors are unit length; a unit query makes the dot product the cosine. Model
          // output is usually unit already (to float rounding), and raw is this search's own copy.
          vector = Math.abs(VectorUtil.dotProduct(raw, raw) - 1f) <= 1e-6f ? raw : VectorMath.normalise(raw);
        }
      }

      if (vector != null && truncatedScan) {
        nearest = VectorRetriever.exactPrefix(searcher, field, vector, req.candidates(), filter);
      } else if (vector != null) {
        nearest =
            req.exact()
                ? VectorRetriever.exact(searcher, field, vector, req.candidates(), filter)
                : VectorRetriever.approximate(
                    searcher, field, vector, req.candidates(), filter,
                    index.settings().encoding() != VectorEncoding.FLOAT32, req.oversample());
      }
    } catch (IOException | RuntimeException | Error e) {
      if (keyword != null) {
        keyword.abandon(e);
      }
      throw e;
    }
    ScoreDoc[] bm25 = new ScoreDoc[0];
    if (keyword != null) {
      bm25 = keyword.join();
    } else if (textQuery != null) {
      bm25 = searcher.search(FilterQueries.filtered(textQuery, filter), req.candidates()).scoreDocs;
    }

    int retrieved = nearest.length;
    if (mode == SearchMode.SEMANTIC && !req.groupByDoc() && req.rerank() == null
        && nearest.length > req.k()) {
      // One hit per chunk ranked by the vector score alone: the list is already best first, so
      // only its first k (and any ties with the k-th, which the sort below orders by doc id) can
      // be returned; the rest need no candidate objects.
      int cut = req.k();
      while (cut < nearest.length && nearest[cut].score == nearest[req.k() - 1].score) {
        cut++;
      }
      nearest = Arrays.copyOf(nearest, cut);
    }
    List<Candidate> ranked = CandidateFusion.collectList(bm25, nearest);
    int candidateCount = Math.max(ranked.size(), retrieved);
    CandidateFusion.score(ranked, mode, req.fusion());
    ranked.sort(Candidate.BY_SCORE);

    long rerankNanos = 0;
    if (req.rerank() != null && !ranked.isEmpty()) {
      long r0 = System.nanoTime();
      ranked = rerank(searcher, ranked, req);
      rerankNanos = System.nanoTime() - r0;
    }

    List<List<Candidate>> groups = group(searcher, ranked, req.k(), req.groupByDoc());
    return new Ranking(groups, textQuery, modelId, embedNanos, candidateCount, rerankNanos);
  }

  /**
   * The second stage. Re-scores the chunks of the first stage's top {@code depth} groups and puts
   * them first, best first by the new score; the other candidates follow in first-stage order.
   * Every candidate keeps the first-stage rank of its group so hits can show how far they moved.
   */
  private List<Candidate> rerank(IndexSearcher searcher, List<Candidate> ranked, SearchRequest req)
      throws IOException {
    Rerank rr = req.rerank();
    if (req.groupByDoc()) {
      docKeys.load(searcher, ranked);
    }
    Map<String, Integer> groupRank = new LinkedHashMap<>();
    List<Candidate> head = new ArrayList<>();
    List<Candidate> tail = new ArrayList<>();
    for (Candidate c : ranked) {
      String key = req.groupByDoc() ? c.docKey : Integer.toString(c.doc);
      Integer r = groupRank.get(key);
      if (r == null) {
        r = groupRank.size() + 1;
        groupRank.put(key, r);
      }
      c.firstStageRank = r;
      (r <= rr.depth() ? head : tail).add(c);
    }
    double[] scores = secondStageScores(searcher, head, rr.modelId(), req.query());
    for (int i = 0; i < head.size(); i++) {
      Candidate c = head.get(i);
      c.firstStageScore = c.score;
      c.score = scores[i];
      c.reranked = true;
    }
    head.sort(Candidate.BY_SCORE);
    List<Candidate> out = new ArrayList<>(ranked.size());
    out.addAll(head);
    out.addAll(tail);
    return out;
  }

  /**
   * Scores from the index's own vectors when it holds the reranker model's (a bi-encoder indexed
   * next to the first-stage one: no passage inference at query time), otherwise from the
   * {@link RerankerSource} over the chunks' stored text.
   */
  private double[] secondStageScores(
      IndexSearcher searcher, List<Candidate> head, String modelId, String query) throws IOException {
    double[] out = new double[head.size()];
    String field = ChunkFields.vectorField(modelId);
    FieldInfo info = FieldInfos.getMergedFieldInfos(searcher.getIndexReader()).fieldInfo(field);
    if (info != null && info.getVectorDimension() > 0) {
      float[] q = VectorMath.normalise(
          Objects.requireNonNull(embedder.embed(modelId, query), "embedder returned null"));
      int[] docs = head.stream().mapToInt(c -> c.doc).toArray();
      float[] s = VectorRetriever.scores(searcher, field, q, docs);
      for (int i = 0; i < out.length; i++) {
        out[i] = s[i];
      }
      return out;
    }
    Reranker reranker = rerankers.reranker(modelId);
    int[] docs = head.stream().mapToInt(c -> c.doc).toArray();
    List<String> passages = new ArrayList<>(head.size());
    for (HitRecords.Hit h : HitRecords.read(searcher.getIndexReader(), docs)) {
      passages.add(h.text());
    }
    double[] s = reranker.score(query, passages);
    if (s.length != passages.size()) {
      throw new IllegalStateException(
          "reranker " + modelId + " returned " + s.length + " scores for " + passages.size() + " passages");
    }
    return s;
  }

  private static long micros(long from, long to) {
    return (to - from) / 1000;
  }

  /**
   * The best {@code k} groups, each best chunk first. A group is ranked by its first (best)
   * chunk; later chunks of an already chosen document still join it.
   */
  private List<List<Candidate>> group(
      IndexSearcher searcher, List<Candidate> ranked, int k, boolean byDoc) throws IOException {
    List<List<Candidate>> groups = new ArrayList<>();
    if (!byDoc) {
      for (Candidate c : ranked.subList(0, Math.min(k, ranked.size()))) {
        groups.add(List.of(c));
      }
      return groups;
    }
    docKeys.load(searcher, ranked);
    Map<String, List<Candidate>> byKey = new LinkedHashMap<>();
    for (Candidate c : ranked) {
      List<Candidate> g = byKey.get(c.docKey);
      if (g == null) {
        if (byKey.size() == k) {
          continue;
        }
        g = new ArrayList<>();
        byKey.put(c.docKey, g);
      }
      g.add(c);
    }
    groups.addAll(byKey.values());
    return groups;
  }

  /**
   * The vector field's info from the first segment that has vectors in it, or null. Segments agree
   * on a field's dimension (Lucene refuses a document that disagrees), so one is enough; merging
   * the field infos of every segment, as {@link FieldInfos#getMergedFieldInfos} does, would build a
   * new map per search on a multi-segment index.
   */
  private static FieldInfo vectorFieldInfo(IndexReader reader, String field) {
    for (LeafReaderContext leaf : reader.leaves()) {
      FieldInfo info = leaf.reader().getFieldInfos().fieldInfo(field);
      if (info != null && info.getVectorDimension() > 0) {
        return info;
      }
    }
    return null;
  }

  private List<DocHit> toHits(
      IndexSearcher searcher, List<List<Candidate>> groups, Query textQuery, String queryText)
      throws IOException {
    // Highlighting re-analyses each chunk's text, so only the passages a result list shows get
    // it: the first few of each document. A document's other ranked chunks keep a plain lead-in.
    List<Candidate> chosen = new ArrayList<>();
    List<Candidate> plain = new ArrayList<>();
    for (List<Candidate> g : groups) {
      chosen.addAll(g.subList(0, Math.min(g.size(), SNIPPETS_PER_DOC)));
      if (g.size() > SNIPPETS_PER_DOC) {
        plain.addAll(g.subList(SNIPPETS_PER_DOC, g.size()));
      }
    }
    if (chosen.isEmpty()) {
      return List.of();
    }
    int highlighted = chosen.size();
    chosen.addAll(plain);
    int[] docIds = new int[chosen.size()];
    for (int i = 0; i < docIds.length; i++) {
      docIds[i] = chosen.get(i).doc;
    }
    // Every hit's fields come from its hit record (one doc value, no stored-fields block to
    // decompress); the highlighter gets the texts rather than reading them again. Keys come from
    // the doc-key doc values, remembered per segment.
    HitRecords.Hit[] records = HitRecords.read(searcher.getIndexReader(), docIds);
    docKeys.load(searcher, chosen);
    String[] texts = new String[docIds.length];
    for (int i = 0; i < texts.length; i++) {
      texts[i] = records[i].text();
    }
    Snippet[] snippets =
        textQuery == null
            ? new Snippet[docIds.length]
            : Arrays.copyOf(SnippetHighlighter.create(searcher, index.analyzer())
                .highlight(ChunkFields.TEXT, textQuery, Arrays.copyOf(docIds, highlighted),
                    Arrays.copyOf(texts, highlighted)), docIds.length);
    Set<String> queryTerms = null;

    Map<Integer, ChunkHit> hitByDoc = HashMap.newHashMap(docIds.length);
    for (int i = 0; i < docIds.length; i++) {
      Candidate c = chosen.get(i);
      HitRecords.Hit d = records[i];
      String text = texts[i];
      Snippet snippet = snippets[i];
      if (snippet == null && i >= highlighted) {
        // The chunk's opening, cut at a word and with its whitespace collapsed, unhighlighted: a
        // document's later passages are shown only where its first is left out (find similar)
        snippet = LeadingSnippets.leading(index.analyzer(), ChunkFields.TEXT, text, Set.of());
      } else if (snippet == null) {
        if (queryTerms == null) {
          queryTerms = LeadingSnippets.terms(index.analyzer(), ChunkFields.TEXT, queryText);
        }
        snippet = LeadingSnippets.leading(index.analyzer(), ChunkFields.TEXT, text, queryTerms);
      }
      hitByDoc.put(
          c.doc,
          new ChunkHit(
              d.chunkId(),
              c.docKey,
              d.path(),
              d.title(),
              text,
              d.page(),
              d.ordinal(),
              d.start(),
              d.end(),
              snippet.text(),
              snippet.highlights(),
              c.hasBm25() ? c.bm25Score : null,
              c.hasBm25() ? c.bm25Rank : null,
              c.hasVector() ? c.vectorScore : null,
              c.hasVector() ? c.vectorRank : null,
              c.score,
              c.reranked ? c.firstStageScore : null));
    }
    List<DocHit> hits = new ArrayList<>(groups.size());
    for (List<Candidate> g : groups) {
      List<ChunkHit> chunks = g.stream().map(c -> hitByDoc.get(c.doc)).toList();
      ChunkHit best = chunks.get(0);
      hits.add(new DocHit(best.docKey(), best.path(), best.title(), best.score(), chunks,
          g.get(0).firstStageRank));
    }
    return hits;
  }

}
