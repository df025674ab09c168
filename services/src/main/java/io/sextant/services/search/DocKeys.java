package io.sextant.services.search;

import io.sextant.services.index.ChunkFields;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.IndexSearcher;

/**
 * Document keys of candidate chunks, read from the doc-key doc values and remembered per segment
 * by ordinal.
 *
 * <p>Turning an ordinal into its key decompresses a block of the doc values' terms dictionary;
 * done for every hit of every search, that cost about 5 % of a semantic search on a one-segment
 * index. A segment's ordinals never change (chunks are replaced by delete + add, never by a doc
 * values update), so each segment core gets an array of its keys, filled as they are first asked
 * for and dropped when the core closes. Threads may fill the same slot at once; they write the
 * same immutable string, so the race is harmless.
 */
final class DocKeys {

  private final Map<IndexReader.CacheKey, String[]> byCore = new ConcurrentHashMap<>();

  /** Sets {@link Candidate#docKey} of every candidate, visiting them in doc order as doc values require. */
  void load(IndexSearcher searcher, List<Candidate> candidates) throws IOException {
    Candidate[] byDoc = candidates.toArray(Candidate[]::new);
    Arrays.sort(byDoc, (a, b) -> Integer.compare(a.doc, b.doc));
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    int leafIndex = -1;
    SortedDocValues keys = null;
    String[] cache = null;
    LeafReaderContext leaf = null;
    for (Candidate c : byDoc) {
      int li = ReaderUtil.subIndex(c.doc, leaves);
      if (li != leafIndex) {
        leafIndex = li;
        leaf = leaves.get(li);
        keys = leaf.reader().getSortedDocValues(ChunkFields.DOC_KEY);
        cache = keys == null ? null : cacheOf(leaf.reader(), keys.getValueCount());
      }
      if (keys == null || !keys.advanceExact(c.doc - leaf.docBase)) {
        throw new IllegalStateException("chunk without a doc key, doc " + c.doc);
      }
      int ord = keys.ordValue();
      String key = cache == null ? null : cache[ord];
      if (key == null) {
        key = keys.lookupOrd(ord).utf8ToString();
        if (cache != null) {
          cache[ord] = key;
        }
      }
      c.docKey = key;
    }
  }

  /** Segments whose keys are held, for tests. */
  int cachedSegments() {
    return byCore.size();
  }

  private String[] cacheOf(LeafReader reader, int valueCount) {
    IndexReader.CacheHelper helper = reader.getCoreCacheHelper();
    if (helper == null) {
      return null; // a reader that cannot say when it closes: no cache
    }
    return byCore.computeIfAbsent(helper.getKey(), key -> {
      helper.addClosedListener(byCore::remove);
      return new String[valueCount];
    });
  }
}
