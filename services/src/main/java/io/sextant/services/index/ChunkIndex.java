package io.sextant.services.index;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;

/**
 * A Lucene index of {@link IndexedChunk}s in one directory: one writer, and searchers that see
 * only committed state.
 *
 * <p>Writes ({@link #add}, {@link #deleteDoc}, {@link #deleteAll}) are buffered and become
 * visible to searchers atomically at {@link #commit()}. Searchers are opened from the directory's
 * last commit rather than from the writer (near-real-time), so a search running while another
 * thread writes never sees a half-added batch, and what search shows is exactly what survives a
 * crash.
 *
 * <p>All methods are thread-safe. Commits are serialised; adds may run concurrently.
 *
 * <p>The index does not refuse to open with settings different from those it was built with;
 * segments written earlier keep their vector format. Callers compare {@link #storedSettings}
 * with the wanted settings first and rebuild (for example {@link #deleteAll()} and re-add) when
 * they differ.
 */
public final class ChunkIndex implements Closeable {

  /**
   * Indexing buffer. HNSW graphs are built per flushed segment and rebuilt on merge, so fewer,
   * larger flushes save most of the graph-building work on bulk loads.
   */
  public static final double RAM_BUFFER_MB = 256;

  /** BM25 parameters tuned for chunks of a few hundred tokens: weak length normalisation. */
  public static final float BM25_K1 = 0.9f;

  public static final float BM25_B = 0.4f;

  private final IndexSettings settings;
  private final Directory directory;
  private final Analyzer analyzer;
  private final Similarity similarity;
  private final ExecutorService mergeExecutor; // null with one merge worker
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final AtomicBoolean bulk;
  private final BulkMergePolicy mergePolicy;
  private final Object commitLock = new Object();
  private volatile boolean closed;

  private ChunkIndex(
      IndexSettings settings,
      Directory directory,
      Analyzer analyzer,
      Similarity similarity,
      ExecutorService mergeExecutor,
      IndexWriter writer,
      SearcherManager searchers,
      AtomicBoolean bulk,
      BulkMergePolicy mergePolicy) {
    this.bulk = bulk;
    this.mergePolicy = mergePolicy;
    this.settings = settings;
    this.directory = directory;
    this.analyzer = analyzer;
    this.similarity = similarity;
    this.mergeExecutor = mergeExecutor;
    this.writer = writer;
    this.searchers = searchers;
  }

  /** Opens the index in {@code dir}, creating the directory and an empty index if missing. */
  public static ChunkIndex open(Path dir, IndexSettings settings) throws IOException {
    return open(dir, settings, 1);
  }

  /**
   * Opens the index in {@code dir}, creating the directory and an empty index if missing.
   *
   * @param numMergeWorkers threads that build the HNSW graph of one merged segment concurrently;
   *     1 builds it on the merge thread itself
   */
  public static ChunkIndex open(Path dir, IndexSettings settings, int numMergeWorkers)
      throws IOException {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(settings, "settings");
    if (numMergeWorkers < 1 || numMergeWorkers > 256) {
      throw new IllegalArgumentException("numMergeWorkers must be in 1..256, got " + numMergeWorkers);
    }
    Files.createDirectories(dir);
    ExecutorService executor = numMergeWorkers > 1 ? newMergeExecutor(numMergeWorkers) : null;
    Directory directory = null;
    Analyzer analyzer = new EnglishAnalyzer();
    IndexWriter writer = null;
    boolean success = false;
    try {
      directory = FSDirectory.open(dir);
      Similarity similarity = new BM25Similarity(BM25_K1, BM25_B);
      AtomicBoolean bulk = new AtomicBoolean();
      BulkMergePolicy mergePolicy = new BulkMergePolicy(new TieredMergePolicy());
      IndexWriterConfig config =
          new IndexWriterConfig(analyzer)
              .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
              .setSimilarity(similarity)
              .setCodec(new ChunkCodec(settings, numMergeWorkers, executor, bulk::get))
              .setMergePolicy(mergePolicy)
              .setRAMBufferSizeMB(RAM_BUFFER_MB)
              // close() commits through commit() so the user data is always current.
              .setCommitOnClose(false);
      writer = new IndexWriter(directory, config);
      if (!DirectoryReader.indexExists(directory)) {
        // The searcher manager opens the last commit, so a new index needs one at once.
        writer.setLiveCommitData(CommitMetadata.write(settings, Set.of()).entrySet());
        writer.commit();
      }
      SearcherManager searchers = new SearcherManager(directory, new ChunkSearcherFactory(similarity));
      ChunkIndex index =
          new ChunkIndex(settings, directory, analyzer, similarity, executor, writer, searchers, bulk,
              mergePolicy);
      success = true;
      return index;
    } finally {
      if (!success) {
        IOUtils.closeWhileHandlingException(writer, directory, analyzer);
        if (executor != null) {
          executor.shutdownNow();
        }
      }
    }
  }

  /**
   * The settings recorded by the last commit of the index in {@code dir}; empty when there is no
   * index there or it was not written by this version of Sextant. Either way a caller wanting
   * particular settings should rebuild when the result differs from them.
   */
  public static Optional<IndexSettings> storedSettings(Path dir) throws IOException {
    return readCommitData(dir).flatMap(CommitMetadata::readSettings);
  }

  /** The models whose vectors the last commit of the index in {@code dir} holds. */
  public static Set<String> storedVectorModels(Path dir) throws IOException {
    return readCommitData(dir).map(CommitMetadata::readModels).orElse(Set.of());
  }

  private static Optional<Map<String, String>> readCommitData(Path dir)
      throws IOException {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Directory d = FSDirectory.open(dir)) {
      if (!DirectoryReader.indexExists(d)) {
        return Optional.empty();
      }
      return Optional.of(SegmentInfos.readLatestCommit(d).getUserData());
    }
  }

  /** Name of the vector field holding model {@code modelId}'s embeddings. */
  public static String vectorField(String modelId) {
    return ChunkFields.vectorField(modelId);
  }

  /** The settings new segments are written with. */
  public IndexSettings settings() {
    return settings;
  }

  /** The analyser of the text field; queries must be analysed with it too. */
  public Analyzer analyzer() {
    return analyzer;
  }

  /** The similarity used for indexing and set on every searcher. */
  public Similarity similarity() {
    return similarity;
  }

  /** Adds {@code chunk}, replacing any chunk with the same id. Visible after {@link #commit()}. */
  public void add(IndexedChunk chunk) throws IOException {
    Objects.requireNonNull(chunk, "chunk");
    writer.updateDocument(
        new Term(ChunkFields.CHUNK_ID, chunk.chunkId()), ChunkDocuments.toDocument(chunk));
  }

  /** Adds every chunk as by {@link #add}. */
  public void addAll(Collection<IndexedChunk> chunks) throws IOException {
    Objects.requireNonNull(chunks, "chunks");
    for (IndexedChunk chunk : chunks) {
      add(chunk);
    }
  }

  /** Deletes every chunk of document {@code docKey}. Visible after {@link #commit()}. */
  public void deleteDoc(String docKey) throws IOException {
    Objects.requireNonNull(docKey, "docKey");
    writer.deleteDocuments(new Term(ChunkFields.DOC_KEY, docKey));
  }

  /** Deletes every chunk. Visible after {@link #commit()}. */
  public void deleteAll() throws IOException {
    writer.deleteAll();
  }

  /** Makes all changes so far durable and visible to searchers opened from now on. */
  public void commit() throws IOException {
    synchronized (commitLock) {
      writer.setLiveCommitData(CommitMetadata.write(settings, writerVectorModels()).entrySet());
      writer.commit();
      searchers.maybeRefreshBlocking();
    }
  }

  /**
   * Merges the index down to at most {@code maxSegments} segments and commits. Costly (every
   * HNSW graph is rebuilt); meant for benchmarks, evaluation and a final step after bulk loads.
   */
  public void forceMerge(int maxSegments) throws IOException {
    if (maxSegments < 1) {
      throw new IllegalArgumentException("maxSegments must be >= 1, got " + maxSegments);
    }
    writer.forceMerge(maxSegments);
    commit();
  }

  /**
   * Starts a bulk load (a rebuild, a first import, a benchmark): until {@link #finishBulk}, the
   * segments written carry their vectors but no HNSW graph, and nothing is merged. Searches stay
   * correct meanwhile (a segment without a graph is searched exactly), only slower on large
   * segments. Building one graph at the end instead of a graph per flushed segment plus a rebuild
   * at every merge is what makes a bulk load cheap: with {@code numMergeWorkers > 1} that one
   * graph is built by several threads.
   */
  public void beginBulk() throws IOException {
    synchronized (commitLock) {
      // flushed segments stay out of compound files: the final merge reads them once and deletes them
      writer.getConfig().setUseCompoundFile(false);
      mergePolicy.setLoading(true);
      bulk.set(true);
    }
  }

  /** Whether a bulk load is under way. */
  public boolean isBulkLoading() {
    return bulk.get();
  }

  /**
   * Ends a bulk load: merges the whole index into one segment, building its HNSW graph on the
   * merge workers, and commits. Does nothing but commit when no bulk load is under way.
   */
  public void finishBulk() throws IOException {
    synchronized (commitLock) {
      if (!bulk.get()) {
        commit();
        return;
      }
      bulk.set(false);
      mergePolicy.setLoading(false);
      writer.getConfig().setUseCompoundFile(true);
      mergePolicy.setRewriteFlushed(true);
      try {
        writer.forceMerge(1);
      } finally {
        mergePolicy.setRewriteFlushed(false);
      }
      commit();
    }
  }

  /**
   * Leaves bulk loading without the final merge, for a load that failed half-way: segments
   * written from now on get their graphs again, those already written keep none until a merge
   * rewrites them (searches on them stay correct, exact).
   */
  public void cancelBulk() {
    synchronized (commitLock) {
      bulk.set(false);
      mergePolicy.setLoading(false);
      writer.getConfig().setUseCompoundFile(true);
    }
  }

  /** Number of live chunks in the last commit. */
  public int numChunks() throws IOException {
    return withSearcher(s -> s.getIndexReader().numDocs());
  }

  /**
   * Live chunks per document key in the last commit. The catalog compares this with its own
   * counts after a crash: any difference is an orphan or a half-written file.
   */
  public java.util.Map<String, Integer> chunksPerDoc() throws IOException {
    return withSearcher(s -> {
      java.util.Map<String, Integer> out = new java.util.TreeMap<>();
      for (org.apache.lucene.index.LeafReaderContext leaf : s.getIndexReader().leaves()) {
        org.apache.lucene.index.Terms terms = leaf.reader().terms(ChunkFields.DOC_KEY);
        if (terms == null) {
          continue;
        }
        org.apache.lucene.util.Bits live = leaf.reader().getLiveDocs();
        org.apache.lucene.index.TermsEnum te = terms.iterator();
        org.apache.lucene.index.PostingsEnum pe = null;
        for (org.apache.lucene.util.BytesRef t = te.next(); t != null; t = te.next()) {
          pe = te.postings(pe, org.apache.lucene.index.PostingsEnum.NONE);
          int n = 0;
          for (int d = pe.nextDoc(); d != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS; d = pe.nextDoc()) {
            if (live == null || live.get(d)) {
              n++;
            }
          }
          if (n > 0) {
            out.merge(t.utf8ToString(), n, Integer::sum);
          }
        }
      }
      return out;
    });
  }

  /** Models with a vector field in the last commit. */
  public Set<String> vectorModels() throws IOException {
    return withSearcher(s -> vectorModels(s.getIndexReader()));
  }

  /** Models with a vector field in {@code reader}. */
  public static Set<String> vectorModels(IndexReader reader) {
    Set<String> models = new TreeSet<>();
    for (FieldInfo fi : FieldInfos.getMergedFieldInfos(reader)) {
      if (fi.getVectorDimension() > 0 && ChunkFields.isVectorField(fi.name)) {
        models.add(ChunkFields.modelOf(fi.name));
      }
    }
    return Collections.unmodifiableSet(models);
  }

  private Set<String> writerVectorModels() {
    Set<String> models = new TreeSet<>();
    for (String field : writer.getFieldNames()) {
      if (ChunkFields.isVectorField(field)) {
        models.add(ChunkFields.modelOf(field));
      }
    }
    return models;
  }

  /**
   * A searcher over the last commit, with BM25 set up. Every acquire must be paired with a
   * {@link #releaseSearcher} in a finally block; prefer {@link #withSearcher}.
   */
  public IndexSearcher acquireSearcher() throws IOException {
    return searchers.acquire();
  }

  public void releaseSearcher(IndexSearcher searcher) throws IOException {
    searchers.release(searcher);
  }

  /** Runs {@code fn} with an acquired searcher and releases it afterwards. */
  public <T> T withSearcher(SearcherFunction<T> fn) throws IOException {
    IndexSearcher searcher = searchers.acquire();
    try {
      return fn.apply(searcher);
    } finally {
      searchers.release(searcher);
    }
  }

  /** Work done with a searcher; may throw IOException. */
  @FunctionalInterface
  public interface SearcherFunction<T> {
    T apply(IndexSearcher searcher) throws IOException;
  }

  /**
   * Throws away every change since the last commit, then releases everything like {@link #close}.
   * For work that failed half-way (a rebuild whose model cannot be opened): committing it on close
   * would leave the user an emptied index.
   */
  public void closeDiscardingChanges() throws IOException {
    synchronized (commitLock) {
      if (closed) {
        return;
      }
      if (writer.isOpen()) {
        writer.rollback();
      }
    }
    close();
  }

  /** Commits pending changes, then releases the writer, searchers and files. Idempotent. */
  @Override
  public void close() throws IOException {
    synchronized (commitLock) {
      if (closed) {
        return;
      }
      closed = true;
      try {
        if (writer.isOpen() && writer.hasUncommittedChanges()) {
          writer.setLiveCommitData(CommitMetadata.write(settings, writerVectorModels()).entrySet());
          writer.commit();
        }
      } finally {
        try {
          IOUtils.close(searchers, writer, directory, analyzer);
        } finally {
          if (mergeExecutor != null) {
            mergeExecutor.shutdown();
            try {
              mergeExecutor.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        }
      }
    }
  }

  private static ExecutorService newMergeExecutor(int threads) {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory factory =
        r -> {
          Thread t = new Thread(r, "sextant-hnsw-merge-" + n.incrementAndGet());
          // Merge helpers must not keep the JVM alive if the app exits without closing.
          t.setDaemon(true);
          return t;
        };
    return Executors.newFixedThreadPool(threads, factory);
  }

  /** Sets our similarity on every searcher: the default BM25(1.2, 0.75) would score differently. */
  private static final class ChunkSearcherFactory extends SearcherFactory {
    private final Similarity similarity;

    ChunkSearcherFactory(Similarity similarity) {
      this.similarity = similarity;
    }

    @Override
    public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader) {
      IndexSearcher searcher = new IndexSearcher(reader);
      searcher.setSimilarity(similarity);
      return searcher;
    }
  }
}
