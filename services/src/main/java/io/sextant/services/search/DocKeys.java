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
 * by doc id.
 *
 * <p>Reading a key means opening the segment's doc values and decompressing a block of their
 * terms dictionary; done for every hit of every search, that cost about 5 % of a semantic search
 * on a one-segment index. A segment's keys never change (chunks are replaced by delete + add,
 * never by a doc values update), so each segment core gets an array of its chunks' keys (one
 * reference per chunk: 4 MB for a million), filled as they are first asked for and dropped when
 * the core closes. Threads may fill the same slot at once; they write equal immutable strings, so
 * the race is harmless.
 *
 * <p>The chunks of one document share one key string, decoded once per term ordinal: a string per
 * chunk made the cache a steady stream of medium-lived objects (about 48 strings per search on the
 * 100k-chunk query bench, 8 chunks per document) that every young collection copied again until
 * they were old enough to promote: 0.7-0.95 MB of new survivors per collection there, 0.13 MB
 * with shared strings.
 */
final class DocKeys {

  private final Map<IndexReader.CacheKey, Segment> byCore = new ConcurrentHashMap<>();

  /** One segment core's remembered keys: by doc id, and the distinct strings by term ordinal. */
  private static final class Segment {
    final String[] byDoc;
    volatile String[] byOrd; // sized by the doc values' term count, made on the first read

    Segment(int maxDoc) {
      byDoc = new String[maxDoc];
    }

    String key(SortedDocValues keys, int ord) throws IOException {
      String[] strings = byOrd;
      if (strings == null) {
        // Racing threads may each make one; either array is a valid cache
        strings = new String[Math.toIntExact(keys.getValueCount())];
        byOrd = strings;
      }
      String key = strings[ord];
      if (key == null) {
        key = keys.lookupOrd(ord).utf8ToString();
        strings[ord] = key;
      }
      return key;
    }
  }

  /**
   * Sets {@link Candidate#docKey} of every candidate. Keys already remembered are set in list
   * order; only the rest are read, in doc order as doc values require. Once a segment's keys have
   * been seen (the usual case after the first searches), nothing is sorted or read.
   */
  void load(IndexSearcher searcher, List<Candidate> candidates) throws IOException {
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    Candidate[] missing = null;
    int misses = 0;
    int leafIndex = -1;
    LeafReaderContext leaf = null;
    Segment cache = null;
    for (Candidate c : candidates) {
      int li = ReaderUtil.subIndex(c.doc, leaves);
      if (li != leafIndex) {
        leafIndex = li;
        leaf = leaves.get(li);
        cache = cacheOf(leaf.reader());
      }
      String key = cache == null ? null : cache.byDoc[c.doc - leaf.docBase];
      if (key != null) {
        c.docKey = key;
      } else {
        if (missing == null) {
          missing = new Candidate[candidates.size()];
        }
        missing[misses++] = c;
      }
    }
    if (misses > 0) {
      read(leaves, Arrays.copyOf(missing, misses));
    }
  }

  /** Reads the keys of {@code byDoc} from doc values (and remembers them), sorting it first. */
  private void read(List<LeafReaderContext> leaves, Candidate[] byDoc) throws IOException {
    Arrays.sort(byDoc, (a, b) -> Integer.compare(a.doc, b.doc));
    int leafIndex = -1;
    SortedDocValues keys = null; // opened on the first miss in a segment
    Segment cache = null;
    LeafReaderContext leaf = null;
    for (Candidate c : byDoc) {
      int li = ReaderUtil.subIndex(c.doc, leaves);
      if (li != leafIndex) {
        leafIndex = li;
        leaf = leaves.get(li);
        keys = null;
        cache = cacheOf(leaf.reader());
      }
      int local = c.doc - leaf.docBase;
      String key = cache == null ? null : cache.byDoc[local];
      if (key == null) {
        if (keys == null) {
          keys = leaf.reader().getSortedDocValues(ChunkFields.DOC_KEY);
        }
        if (keys == null || !keys.advanceExact(local)) {
          throw new IllegalStateException("chunk without a doc key, doc " + c.doc);
        }
        if (cache != null) {
          key = cache.key(keys, keys.ordValue());
          cache.byDoc[local] = key;
        } else {
          key = keys.lookupOrd(keys.ordValue()).utf8ToString();
        }
      }
      c.docKey = key;
    }
  }

  /** Segments whose keys are held, for tests. */
  int cachedSegments() {
    return byCore.size();
  }

  private Segment cacheOf(LeafReader reader) {
    IndexReader.CacheHelper helper = reader.getCoreCacheHelper();
    if (helper == null) {
      return null; // a reader that cannot say when it closes: no cache
    }
    return byCore.computeIfAbsent(helper.getKey(), key -> {
      helper.addClosedListener(byCore::remove);
      return new Segment(reader.maxDoc());
    });
  }
}
