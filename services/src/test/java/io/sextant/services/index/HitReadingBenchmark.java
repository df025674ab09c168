package io.sextant.services.index;

import io.sextant.services.bench.MicroBenchmark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.FSDirectory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A page of 10 hits read back for display: Sextant's hit records (one uncompressed binary doc value
 * per chunk, {@link HitRecords}) against the same values as Lucene stored fields (the default
 * codec's compressed blocks), the layout the records replaced. Same chunks, same doc ids, same
 * order of pages. Not a test.
 */
@State(Scope.Benchmark)
public class HitReadingBenchmark extends MicroBenchmark {

  private static final int PAGE = 10;
  private static final int PAGES = 512;

  /** Chunks in the index; the SciFact corpus has about 5,200 abstracts of about 1.5 kB. */
  @Param({"20000"})
  public int chunks;

  /** Words per chunk text (about 7 characters each with the space). */
  @Param({"220"})
  public int words;

  private Path dir;
  private ChunkIndex index;
  private IndexSearcher searcher;
  private FSDirectory storedDir;
  private IndexReader storedReader;
  private int[][] pages;
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("sextant-hit-bench");
    Random rnd = new Random(42);
    float[][] vectors = SyntheticChunks.clusteredVectors(42, chunks, 8, 16, 0.2f);
    List<IndexedChunk> list = new ArrayList<>(chunks);
    for (int i = 0; i < chunks; i++) {
      list.add(SyntheticChunks.chunk(i, i / 4, i % 4, text(rnd), Map.of(SyntheticChunks.MODEL, vectors[i])));
    }
    index = ChunkIndex.open(dir.resolve("sextant"), IndexSettings.DEFAULT);
    index.addAll(list);
    index.commit();
    index.forceMerge(1);
    searcher = index.acquireSearcher();

    // The baseline: the same values as stored fields, as chunks kept them before the records
    storedDir = FSDirectory.open(dir.resolve("stored"));
    try (IndexWriter w = new IndexWriter(storedDir, new IndexWriterConfig())) {
      for (IndexedChunk c : list) {
        Document d = new Document();
        d.add(new StoredField(ChunkFields.CHUNK_ID, c.chunkId()));
        d.add(new StoredField(ChunkFields.PATH, c.path()));
        d.add(new StoredField(ChunkFields.TITLE, c.title()));
        d.add(new StoredField(ChunkFields.TEXT, c.text()));
        d.add(new StoredField(ChunkFields.PAGE, c.page()));
        d.add(new StoredField(ChunkFields.ORDINAL, c.ordinal()));
        d.add(new StoredField(ChunkFields.START, c.start()));
        d.add(new StoredField(ChunkFields.END, c.end()));
        w.addDocument(d);
      }
      w.forceMerge(1);
    }
    storedReader = DirectoryReader.open(storedDir);
    if (storedReader.maxDoc() != searcher.getIndexReader().maxDoc()) {
      throw new IllegalStateException("the two indexes differ in size");
    }

    // Pages of hits as a search returns them: spread over the index, in rank (not doc) order
    pages = new int[PAGES][PAGE];
    for (int[] page : pages) {
      for (int i = 0; i < PAGE; i++) {
        page[i] = rnd.nextInt(chunks);
      }
    }
  }

  private String text(Random rnd) {
    StringBuilder sb = new StringBuilder(words * 8);
    for (int w = 0; w < words; w++) {
      sb.append(w == 0 ? "" : " ").append(SyntheticChunks.WORDS.get(rnd.nextInt(SyntheticChunks.WORDS.size())));
    }
    return sb.toString();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    index.releaseSearcher(searcher);
    index.close();
    storedReader.close();
    storedDir.close();
    SyntheticChunks.deleteTree(dir);
  }

  private int[] nextPage() {
    int[] page = pages[next];
    next = (next + 1) % PAGES;
    return page;
  }

  @Benchmark
  public void hitRecords(Blackhole bh) throws IOException {
    bh.consume(records(nextPage()));
  }

  @Benchmark
  public void storedFields(Blackhole bh) throws IOException {
    bh.consume(stored(nextPage()));
  }

  int[][] pages() {
    return pages;
  }

  HitRecords.Hit[] records(int[] page) throws IOException {
    return HitRecords.read(searcher.getIndexReader(), page);
  }

  /** The page's stored documents, in the page's order (read in doc order, as the old code did). */
  Document[] stored(int[] page) throws IOException {
    Integer[] order = new Integer[page.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Integer.compare(page[a], page[b]));
    StoredFields fields = storedReader.storedFields();
    Document[] out = new Document[page.length];
    for (int i : order) {
      out[i] = fields.document(page[i]);
    }
    return out;
  }
}
