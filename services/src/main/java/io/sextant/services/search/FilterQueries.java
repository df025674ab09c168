package io.sextant.services.search;

import io.sextant.services.index.ChunkFields;
import java.util.List;
import org.apache.lucene.document.LongField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/** Turns {@link SearchFilters} into a non-scoring Lucene query. */
final class FilterQueries {

  private FilterQueries() {}

  /** The filter as a query of FILTER clauses, or null when nothing is filtered. */
  static Query toQuery(SearchFilters f) {
    if (f.isEmpty()) {
      return null;
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    if (!f.fileTypes().isEmpty()) {
      List<BytesRef> types = f.fileTypes().stream().map(BytesRef::new).toList();
      b.add(new TermInSetQuery(ChunkFields.TYPE, types), Occur.FILTER);
    }
    if (f.folder() != null) {
      // Every ancestor folder is indexed as a term, so "anywhere under" is one term lookup.
      b.add(new TermQuery(new Term(ChunkFields.FOLDER_PATH, f.folder())), Occur.FILTER);
    }
    if (f.modifiedFrom() != null || f.modifiedTo() != null) {
      b.add(range(ChunkFields.MODIFIED, f.modifiedFrom(), f.modifiedTo()), Occur.FILTER);
    }
    if (f.minSize() != null || f.maxSize() != null) {
      b.add(range(ChunkFields.SIZE, f.minSize(), f.maxSize()), Occur.FILTER);
    }
    return b.build();
  }

  private static Query range(String field, Long from, Long to) {
    return LongField.newRangeQuery(
        field, from == null ? Long.MIN_VALUE : from, to == null ? Long.MAX_VALUE : to);
  }

  /** {@code query} restricted by {@code filter}; {@code query} itself when there is no filter. */
  static Query filtered(Query query, Query filter) {
    if (filter == null) {
      return query;
    }
    return new BooleanQuery.Builder().add(query, Occur.MUST).add(filter, Occur.FILTER).build();
  }
}
