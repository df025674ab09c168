package io.sextant.services.photos;

import io.sextant.services.catalog.Catalog;
import io.sextant.services.clip.ClipModel;
import io.sextant.services.images.ImageDecodeException;
import io.sextant.services.images.ImageDecoder;
import io.sextant.services.index.ChunkIndex;
import io.sextant.services.search.DocHit;
import io.sextant.services.search.SearchFilters;
import io.sextant.services.search.SearchMode;
import io.sextant.services.search.SearchRequest;
import io.sextant.services.search.SearchResponse;
import io.sextant.services.search.SearchService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Searches the image index with a CLIP query vector: from text (text tower), from example images
 * (vision tower), or a weighted {@link QueryExpression} of both. Hits are {@link DocHit}s of kind
 * IMAGE whose score is the cosine similarity. EXIF filters are applied after retrieval against the
 * catalog, fetching more candidates so k hits usually survive.
 */
public final class PhotoSearch {
  private final ChunkIndex index;
  private final Catalog catalog;
  private final ClipModel clip;
  private final String clipId;
  private final SearchService search;
  private final ImageDecoder decoder = new ImageDecoder();

  public PhotoSearch(ChunkIndex index, Catalog catalog, ClipModel clip, String clipId) {
    this.index = Objects.requireNonNull(index, "index");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.clip = Objects.requireNonNull(clip, "clip");
    this.clipId = Objects.requireNonNull(clipId, "clipId");
    this.search = new SearchService(index, (model, q) -> clip.embedText(q));
  }

  /** The unit query vector of an expression. */
  public float[] vector(QueryExpression q) throws ImageDecodeException {
    float[] sum = new float[clip.dimensions()];
    for (QueryExpression.Term t : q.terms()) {
      float[] v = t.isImage() ? clip.embedImage(decoder.decode(t.image()).pixels()) : clip.embedText(t.text());
      for (int i = 0; i < sum.length; i++) {
        sum[i] += (float) (t.weight() * v[i]);
      }
    }
    double n = 0;
    for (float x : sum) {
      n += x * x;
    }
    if (n == 0) {
      throw new IllegalArgumentException("the query's terms cancel out");
    }
    float inv = (float) (1 / Math.sqrt(n));
    for (int i = 0; i < sum.length; i++) {
      sum[i] *= inv;
    }
    return sum;
  }

  /** Images nearest to {@code vector}, best first. */
  public SearchResponse search(float[] vector, int k, SearchFilters filters, ImageFilters exif, boolean exact)
      throws IOException {
    int fetch = exif.isNone() ? k : Math.min(SearchRequest.MAX_K, k * 5);
    SearchRequest req = SearchRequest.builder("", SearchMode.SEMANTIC).modelId(clipId).k(fetch)
        .filters(filters).queryVector(vector).exact(exact).build();
    SearchResponse r = search.search(req);
    List<DocHit> hits = new ArrayList<>();
    for (DocHit h : r.hits()) {
      if (exif.isNone() || catalog.image(h.path()).map(exif::accepts).orElse(false)) {
        hits.add(h.as(DocHit.Kind.IMAGE));
      }
      if (hits.size() == k) {
        break;
      }
    }
    return new SearchResponse(hits, SearchMode.SEMANTIC, clipId, r.embedMicros(), r.searchMicros(), r.totalCandidates());
  }

  public ChunkIndex index() {
    return index;
  }
}
