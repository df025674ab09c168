package io.sextant.services.search;

import io.sextant.services.bench.MicroBenchmark;
import io.sextant.services.index.ChunkFields;
import io.sextant.services.index.ChunkIndex;
import io.sextant.services.index.IndexSettings;
import io.sextant.services.index.IndexedChunk;
import io.sextant.services.index.SyntheticChunks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.IndexSearcher;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The document keys of one hybrid search's candidates (100 from HNSW, 100 from BM25): remembered
 * per segment by {@link DocKeys}, against reading them from the doc-key doc values every time (the
 * plain Lucene way: candidates sorted by doc id, {@code advanceExact}, {@code lookupOrd}). One
 * merged segment, 8 chunks per document as in the query bench. Run by {@code scripts/micro-bench}.
 */
@State(Scope.Benchmark)
public class DocKeysBenchmark extends MicroBenchmark {

  private static final int CANDIDATES = 200;
  private static final int SETS = 512;

  @Param({"100000"})
  public int chunks;

  private Path dir;
  private ChunkIndex index;
  private IndexSearcher searcher;
  private final DocKeys keys = new DocKeys();
  private List<List<Candidate>> sets;
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("sextant-dockeys-bench");
    float[][] vectors = SyntheticChunks.clusteredVectors(7, chunks, 4, 8, 0.2f);
    List<IndexedChunk> list = SyntheticChunks.chunks(7, vectors, 8);
    index = ChunkIndex.open(dir, IndexSettings.DEFAULT);
    index.addAll(new ArrayList<>(list));
    index.commit();
    index.forceMerge(1);
    searcher = index.acquireSearcher();
    Random rnd = new Random(42);
    sets = new ArrayList<>(SETS);
    for (int s = 0; s < SETS; s++) {
      List<Candidate> set = new ArrayList<>(CANDIDATES);
      for (int i = 0; i < CANDIDATES; i++) {
        set.add(new Candidate(rnd.nextInt(chunks))); // rank order, not doc order
      }
      sets.add(set);
    }
    for (List<Candidate> set : sets) {
      keys.load(searcher, set); // every key remembered before timing: a session's steady state
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    index.releaseSearcher(searcher);
    index.close();
    SyntheticChunks.deleteTree(dir);
  }

  private List<Candidate> nextSet() {
    List<Candidate> set = sets.get(next);
    next = (next + 1) % SETS;
    return set;
  }

  @Benchmark
  public void remembered(Blackhole bh) throws IOException {
    List<Candidate> set = nextSet();
    keys.load(searcher, set);
    bh.consume(set.get(CANDIDATES - 1).docKey);
  }

  @Benchmark
  public void docValuesEachTime(Blackhole bh) throws IOException {
    bh.consume(readEachTime(nextSet()));
  }

  List<List<Candidate>> sets() {
    return sets;
  }

  /** The keys of {@code set} (in its order) straight from the doc values, as the baseline reads them. */
  String[] readEachTime(List<Candidate> set) throws IOException {
    Integer[] order = new Integer[set.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Integer.compare(set.get(a).doc, set.get(b).doc));
    LeafReader leaf = searcher.getIndexReader().leaves().get(0).reader();
    SortedDocValues values = leaf.getSortedDocValues(ChunkFields.DOC_KEY);
    String[] out = new String[set.size()];
    for (int i : order) {
      int doc = set.get(i).doc;
      if (!values.advanceExact(doc)) {
        throw new IllegalStateException("no key for doc " + doc);
      }
      out[i] = values.lookupOrd(values.ordValue()).utf8ToString();
    }
    return out;
  }
}
