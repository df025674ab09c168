package io.sextant.services.indexing;

import io.sextant.services.catalog.Catalog;
import io.sextant.services.catalog.ChunkRecord;
import io.sextant.services.catalog.FileRecord;
import io.sextant.services.catalog.FileStatus;
import io.sextant.services.catalog.Hashing;
import io.sextant.services.index.ChunkIndex;
import io.sextant.services.index.IndexedChunk;
import io.sextant.services.ingest.Chunk;
import io.sextant.services.ingest.Chunker;
import io.sextant.services.ingest.DocumentParseException;
import io.sextant.services.ingest.FileParser;
import io.sextant.services.ingest.FileWalker;
import io.sextant.services.ingest.ParsedDocument;
import io.sextant.services.task.Cancellation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Brings folders into a workspace: walk, skip unchanged, parse + chunk (on the parse executor, so
 * it overlaps with inference on the calling thread), embed through the cache, index, catalog.
 *
 * <p>One bad file never stops a run: its failure is recorded with a reason and the run goes on.
 * Only problems with the workspace itself (catalog or index unwritable) end a run.
 */
public final class IngestService {

  private static final Logger LOG = Logger.getLogger(IngestService.class.getName());
  private static final String UNREADABLE = DocumentParseException.Kind.UNREADABLE.label();
  private static final String PERMISSION_DENIED = DocumentParseException.Kind.PERMISSION_DENIED.label();
  /**
   * System property (through SEXTANT_JVM_OPTS): {@code true} follows symbolic links that lead out
   * of an indexed folder. Off by default.
   */
  public static final String FOLLOW_LINKS_OUTSIDE_PROPERTY = "sextant.walk.followLinksOutside";
  /** Note kind of a file indexed only in part. */
  public static final String TRUNCATED = "truncated";

  /**
   * System property (through SEXTANT_JVM_OPTS): chunks gathered before a round of inference, i.e.
   * between two commits. The crash test lowers it to put many commit points in a small corpus.
   */
  public static final String ROUND_CHUNKS_PROPERTY = "sextant.ingest.roundChunks";
  /** Default round: big enough to fill batches across small files. */
  private static final int EMBED_ROUND_CHUNKS = 256;
  /**
   * Files parsed ahead of inference, at least. The window is really a round's worth of files
   * ({@link #roundChunks}, each file giving at least one chunk, or failing), so that while the
   * ingest thread embeds one round the parse lane prepares the whole next one: with only 8 files
   * ahead, ingesting 1,000 SciFact abstracts (about 1.9 chunks each) spent 43 of 368 s waiting
   * for the parser, as long as parsing took in all, i.e. parsing did not overlap inference.
   */
  private static final int PARSE_AHEAD = 8;
  /** Bytes of files parsed ahead beyond the first {@link #PARSE_AHEAD}: bounds parsed text held. */
  private static final long PARSE_AHEAD_BYTES = 64L << 20;

  private final Catalog catalog;
  private final ChunkIndex index;
  private final FileParser parser;
  private final Chunker chunker;
  private final List<String> modelIds;
  private final CachedEmbedder embedder;
  private final ExecutorService parseExecutor;
  private final java.util.function.Predicate<Path> handledElsewhere;
  private final int roundChunks = Math.max(1, Integer.getInteger(ROUND_CHUNKS_PROPERTY, EMBED_ROUND_CHUNKS));

  public IngestService(Catalog catalog, ChunkIndex index, FileParser parser, Chunker chunker,
      List<String> modelIds, EmbedderSource embedders, ExecutorService parseExecutor) {
    this(catalog, index, parser, chunker, modelIds, embedders, parseExecutor, p -> false);
  }

  /**
   * @param handledElsewhere files this service leaves alone (images, when a CLIP model indexes
   *     them); they are neither parsed nor recorded, and earlier records of them are dropped
   */
  public IngestService(Catalog catalog, ChunkIndex index, FileParser parser, Chunker chunker,
      List<String> modelIds, EmbedderSource embedders, ExecutorService parseExecutor,
      java.util.function.Predicate<Path> handledElsewhere) {
    this.handledElsewhere = Objects.requireNonNull(handledElsewhere, "handledElsewhere");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.index = Objects.requireNonNull(index, "index");
    this.parser = Objects.requireNonNull(parser, "parser");
    this.chunker = Objects.requireNonNull(chunker, "chunker");
    this.modelIds = List.copyOf(modelIds);
    if (this.modelIds.isEmpty()) {
      throw new IllegalArgumentException("at least one model must be enabled");
    }
    this.embedder = new CachedEmbedder(catalog, Objects.requireNonNull(embedders, "embedders"));
    this.parseExecutor = Objects.requireNonNull(parseExecutor, "parseExecutor");
  }

  /**
   * Indexes every file under {@code roots}, re-processing only what changed and removing what
   * disappeared.
   *
   * @param forceReparse re-parse even unchanged files (after a chunker settings change)
   */
  public IngestReport ingest(List<Path> roots, boolean forceReparse, IngestListener listener,
      Cancellation cancel) throws IOException {
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(cancel, "cancel");
    long t0 = System.nanoTime();
    var run = new RunState();
    long embeddedBefore = embedder.embedded();
    long truncatedBefore = embedder.truncated();

    // 0. a run killed between the index commit and the catalog write leaves chunks the catalog
    //    does not know (or knows differently): drop them, and redo those files
    Set<String> redo = reconcile();

    // 1. walk every source first, so progress has a total and deletions can be found
    List<Candidate> candidates = new ArrayList<>();
    Map<Long, Set<String>> seenBySource = new HashMap<>();
    for (Path root : roots) {
      Path abs = root.toAbsolutePath().normalize();
      if (!Files.exists(abs)) {
        throw new IOException("no such file or folder: " + abs);
      }
      long sourceId = catalog.addSource(abs);
      Set<String> seen = seenBySource.computeIfAbsent(sourceId, k -> new HashSet<>());
      FileWalker.Listing listing = new FileWalker(List.of(abs), List.of(),
          Boolean.getBoolean(FOLLOW_LINKS_OUTSIDE_PROPERTY)).list();
      for (FileWalker.Problem problem : listing.problems()) {
        run.fail(problem.path().toString(), problem.reason(),
            problem.permissionDenied() ? PERMISSION_DENIED : "skipped");
      }
      for (Path file : listing.files()) {
        if (handledElsewhere.test(file)) {
          continue;
        }
        seen.add(file.toString());
        candidates.add(new Candidate(sourceId, file));
      }
    }
    run.seen = candidates.size();
    listener.filesFound(candidates.size());

    // 2. decide per file, parse ahead on the parse executor, embed + index on this thread
    ArrayDeque<Future<Prepared>> inFlight = new ArrayDeque<>();
    ArrayDeque<Long> inFlightBytes = new ArrayDeque<>();
    long bytesAhead = 0;
    int filesAhead = Math.max(PARSE_AHEAD, roundChunks);
    List<Prepared> round = new ArrayList<>();
    int roundSize = 0;
    int done = 0;
    var it = candidates.iterator();
    try {
      while (it.hasNext() || !inFlight.isEmpty()) {
        cancel.check();
        while (it.hasNext() && (inFlight.size() < PARSE_AHEAD
            || inFlight.size() < filesAhead && bytesAhead < PARSE_AHEAD_BYTES)) {
          Candidate c = it.next();
          Optional<FileRecord> existing = catalog.file(c.file.toString());
          boolean force = forceReparse || redo.contains(c.file.toString());
          Prepared quick = quickCheck(c, existing, force);
          if (quick != null) {
            inFlight.add(java.util.concurrent.CompletableFuture.completedFuture(quick));
            inFlightBytes.add(0L);
          } else {
            long bytes = sizeOrZero(c.file);
            bytesAhead += bytes;
            inFlightBytes.add(bytes);
            inFlight.add(parseExecutor.submit(() -> {
              long p0 = System.nanoTime();
              try {
                return prepare(c, existing, force);
              } finally {
                run.parseNanos.add(System.nanoTime() - p0);
              }
            }));
          }
        }
        Future<Prepared> next = inFlight.poll();
        bytesAhead -= inFlightBytes.poll();
        long w0 = next.isDone() ? 0 : System.nanoTime();
        Prepared p = await(next);
        if (w0 != 0) {
          run.parserWaitNanos += System.nanoTime() - w0;
        }
        switch (p.kind) {
          case UNCHANGED -> {
            run.unchanged++;
            if (p.touchMtime >= 0) {
              run.touches.add(p);
            }
            listener.fileDone(p.candidate.file, ++done, run.seen, null);
          }
          case FAILED -> {
            run.fail(p.candidate.file.toString(), p.error, p.errorKind);
            run.failedToRecord.add(p);
            listener.fileDone(p.candidate.file, ++done, run.seen, p.error);
          }
          case CHANGED -> {
            round.add(p);
            roundSize += p.chunks.size();
            listener.fileDone(p.candidate.file, ++done, run.seen, null);
          }
        }
        if (roundSize >= roundChunks || (!it.hasNext() && inFlight.isEmpty())) {
          flush(round, run, listener);
          round.clear();
          roundSize = 0;
        }
      }
    } finally {
      // A cancelled or failed run leaves up to a round of files queued on the parse lane: drop
      // them rather than let them parse for nobody.
      for (Future<Prepared> f : inFlight) {
        f.cancel(false);
      }
    }
    flush(round, run, listener);

    // 3. deletions: cataloged files of these sources that the walk no longer found
    List<FileRecord> gone = new ArrayList<>();
    for (var e : seenBySource.entrySet()) {
      for (FileRecord f : catalog.files(e.getKey())) {
        if (!e.getValue().contains(f.path())) {
          gone.add(f);
        }
      }
    }
    if (!gone.isEmpty()) {
      for (FileRecord f : gone) {
        index.deleteDoc(f.path());
      }
      index.commit();
      for (FileRecord f : gone) {
        catalog.deleteFile(f.id());
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new IngestReport(run.seen, run.indexed, run.unchanged, run.failures.size(), gone.size(),
        run.chunks, embedder.embedded() - embeddedBefore, embedder.truncated() - truncatedBefore,
        seconds, run.failures, run.notes,
        new IngestReport.Timing(run.parseNanos.sum() / 1e9, run.parserWaitNanos / 1e9,
            run.embedNanos / 1e9, run.indexNanos / 1e9));
  }

  /**
   * Makes the index agree with the catalog: chunks of files the catalog does not list as indexed,
   * or with another chunk count, are deleted. Returns the cataloged files whose index entries
   * were missing or wrong, so this run re-indexes them (from the embedding cache: no model work).
   */
  private Set<String> reconcile() throws IOException {
    Map<String, Integer> inIndex = index.chunksPerDoc();
    Map<String, Integer> inCatalog = catalog.chunkCountsByPath();
    Set<String> redo = new HashSet<>();
    boolean deleted = false;
    for (var e : inIndex.entrySet()) {
      Integer expected = inCatalog.get(e.getKey());
      if (expected == null || !expected.equals(e.getValue())) {
        index.deleteDoc(e.getKey());
        deleted = true;
        if (expected != null) {
          redo.add(e.getKey());
        }
      }
    }
    for (var e : inCatalog.entrySet()) {
      if (e.getValue() > 0 && !inIndex.containsKey(e.getKey())) {
        redo.add(e.getKey());
      }
    }
    if (deleted) {
      index.commit();
    }
    if (deleted || !redo.isEmpty()) {
      LOG.info("index and catalog disagreed (an earlier run was interrupted): " + redo.size()
          + " file(s) to re-index");
    }
    return redo;
  }

  /** Answers from the catalog alone when size and mtime show nothing changed; else null. */
  private Prepared quickCheck(Candidate c, Optional<FileRecord> existing, boolean forceReparse) {
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(c.file, BasicFileAttributes.class);
    } catch (IOException e) {
      return Prepared.failed(c, 0, 0, "cannot read file attributes: " + reason(e), kind(e));
    }
    long size = attrs.size();
    long mtime = attrs.lastModifiedTime().toMillis();
    if (existing.isPresent() && !forceReparse) {
      FileRecord f = existing.get();
      if (f.size() == size && f.mtimeMs() == mtime) {
        if (f.status() == FileStatus.FAILED) {
          Prepared p = Prepared.failed(c, size, mtime, f.error(), f.errorKind());
          p.alreadyRecorded = true;
          return p;
        }
        return Prepared.unchanged(c, -1, f.id());
      }
    }
    return null;
  }

  /** Runs on the parse executor: hash, and if the content changed (or must be re-chunked), parse and chunk. */
  private Prepared prepare(Candidate c, Optional<FileRecord> existing, boolean forceReparse) {
    try {
      BasicFileAttributes attrs = Files.readAttributes(c.file, BasicFileAttributes.class);
      long size = attrs.size();
      long mtime = attrs.lastModifiedTime().toMillis();
      String hash = Hashing.sha256Hex(c.file);
      if (!forceReparse && existing.isPresent() && existing.get().status() == FileStatus.INDEXED
          && hash.equals(existing.get().contentHash())) {
        // touched but not edited: remember the new mtime so the next run is a quick check
        return Prepared.unchanged(c, mtime, existing.get().id());
      }
      if (size == 0) {
        return Prepared.failed(c, size, mtime, "empty file", DocumentParseException.Kind.EMPTY.label());
      }
      ParsedDocument doc = parser.parse(c.file);
      Chunker.Result chunked = chunker.chunkCapped(doc);
      List<Chunk> chunks = chunked.chunks();
      if (chunks.isEmpty()) {
        return Prepared.failed(c, size, mtime, "no text found", DocumentParseException.Kind.NO_TEXT.label());
      }
      Prepared p = new Prepared(Kind.CHANGED, c);
      p.size = size;
      p.mtime = mtime;
      p.hash = hash;
      p.doc = doc;
      p.chunks = chunks;
      p.note = truncationNote(doc, chunked, chunker.maxChunks());
      return p;
    } catch (DocumentParseException e) {
      return Prepared.failed(c, sizeOrZero(c.file), mtimeOrZero(c.file), e.getMessage(), e.kind().label());
    } catch (IOException e) {
      return Prepared.failed(c, sizeOrZero(c.file), mtimeOrZero(c.file), reason(e), kind(e));
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      // a parser bug on one file must cost that file only
      LOG.log(Level.FINE, "unexpected failure on " + c.file, e);
      return Prepared.failed(c, sizeOrZero(c.file), mtimeOrZero(c.file),
          "parser error: " + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage()),
          DocumentParseException.Kind.CRASH.label());
    }
  }

  /** Embeds a round of changed files, writes them to the index, commits, then catalogs them. */
  private void flush(List<Prepared> round, RunState run, IngestListener listener) throws IOException {
    if (round.isEmpty() && run.failedToRecord.isEmpty() && run.touches.isEmpty()) {
      return;
    }
    // unique texts of the round, by hash
    Map<String, String> texts = new LinkedHashMap<>();
    for (Prepared p : round) {
      p.textHashes = new ArrayList<>(p.chunks.size());
      for (Chunk ch : p.chunks) {
        String h = Hashing.sha256Hex(ch.text());
        p.textHashes.add(h);
        texts.putIfAbsent(h, ch.text());
      }
    }
    long e0 = System.nanoTime();
    Map<String, Map<String, float[]>> byModel = new LinkedHashMap<>();
    for (String model : modelIds) {
      byModel.put(model, texts.isEmpty() ? Map.of() : embedder.vectors(model, texts, listener));
    }
    long e1 = System.nanoTime();
    run.embedNanos += e1 - e0;
    try {
      writeRound(round, run, byModel);
    } finally {
      run.indexNanos += System.nanoTime() - e1;
    }
  }

  /** Writes a round's chunks with their vectors, commits, then catalogs the files. */
  private void writeRound(List<Prepared> round, RunState run, Map<String, Map<String, float[]>> byModel)
      throws IOException {
    for (Prepared p : round) {
      String key = p.candidate.file.toString();
      index.deleteDoc(key);
      List<IndexedChunk> docs = new ArrayList<>(p.chunks.size());
      for (int i = 0; i < p.chunks.size(); i++) {
        Chunk ch = p.chunks.get(i);
        Map<String, float[]> vectors = new LinkedHashMap<>();
        for (String model : modelIds) {
          vectors.put(model, byModel.get(model).get(p.textHashes.get(i)));
        }
        docs.add(toIndexed(p.candidate.file, p.doc.title(), p.size, p.mtime, ch, vectors));
      }
      index.addAll(docs);
    }
    for (Prepared p : run.failedToRecord) {
      if (!p.alreadyRecorded) {
        index.deleteDoc(p.candidate.file.toString()); // an old good version must not linger
      }
    }
    index.commit();
    // the index is durable: now the catalog may say so
    for (Prepared p : round) {
      List<ChunkRecord> rows = new ArrayList<>(p.chunks.size());
      for (int i = 0; i < p.chunks.size(); i++) {
        Chunk ch = p.chunks.get(i);
        rows.add(new ChunkRecord(0, 0, ch.ordinal(), ch.start(), ch.end(), ch.page(), ch.tokens(),
            ch.text(), p.textHashes.get(i)));
      }
      catalog.putIndexedFile(fileRecord(p), rows, p.note == null ? null : TRUNCATED, p.note);
      if (p.note != null) {
        run.notes.add(new IngestReport.Failure(p.candidate.file.toString(), p.note, TRUNCATED));
      }
      run.indexed++;
      run.chunks += rows.size();
    }
    for (Prepared p : run.failedToRecord) {
      if (!p.alreadyRecorded) {
        catalog.putFailedFile(p.candidate.sourceId, p.candidate.file.toString(), p.size, p.mtime,
            p.errorKind, p.error);
      }
    }
    for (Prepared p : run.touches) {
      catalog.touchFile(p.fileId, p.touchMtime);
    }
    run.failedToRecord.clear();
    run.touches.clear();
  }

  /** Why only part of a file is searchable, or null when all of it is. */
  static String truncationNote(ParsedDocument doc, Chunker.Result chunked, int maxChunks) {
    if (chunked.capped()) {
      return String.format(java.util.Locale.ROOT,
          "truncated: only the first %,d passages are indexed (per-file limit; the rest of the file is"
              + " not searchable; raise it with -Dsextant.ingest.maxChunksPerFile=N)", maxChunks);
    }
    if (doc.truncated()) {
      return String.format(java.util.Locale.ROOT,
          "truncated: only the first %,d characters of text are indexed (parser write limit; the rest"
              + " of the file is not searchable)", doc.text().length());
    }
    return null;
  }

  private FileRecord fileRecord(Prepared p) {
    ParsedDocument d = p.doc;
    return FileRecord.indexed(p.candidate.sourceId, p.candidate.file.toString(), p.size, p.mtime,
        p.hash, d.contentType(), d.title(), d.author(), d.created(), d.pageCount(), d.language());
  }

  static IndexedChunk toIndexed(Path file, String title, long size, long mtime, Chunk ch,
      Map<String, float[]> vectors) {
    String key = file.toString();
    Path parent = file.getParent();
    return new IndexedChunk(key + "#" + ch.ordinal(), key, -1, key,
        title == null || title.isBlank() ? file.getFileName().toString() : title,
        extension(file), parent == null ? "" : parent.toString(), ch.text(), ch.ordinal(),
        ch.start(), ch.end(), ch.page(), mtime, size, vectors);
  }

  static String extension(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot <= 0 || dot == name.length() - 1 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  private static Prepared await(Future<Prepared> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.util.concurrent.CancellationException("interrupted");
    } catch (ExecutionException e) {
      throw new IOException("ingest worker failed", e.getCause());
    }
  }

  private static String kind(IOException e) {
    return e instanceof java.nio.file.AccessDeniedException ? PERMISSION_DENIED : UNREADABLE;
  }

  private static String reason(IOException e) {
    String type = e.getClass().getSimpleName();
    return switch (type) {
      case "AccessDeniedException" -> "permission denied";
      case "NoSuchFileException" -> "file disappeared during the run";
      default -> e.getMessage() == null ? type : e.getMessage();
    };
  }

  private static long sizeOrZero(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
    }
  }

  private static long mtimeOrZero(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  private record Candidate(long sourceId, Path file) {}

  private enum Kind { UNCHANGED, CHANGED, FAILED }

  /** A file on its way through the pipeline. */
  private static final class Prepared {
    final Kind kind;
    final Candidate candidate;
    long size;
    long mtime;
    long touchMtime = -1;
    long fileId;
    String hash;
    String error;
    String errorKind;
    /** Set for a file indexed only in part: what was left out. */
    String note;
    boolean alreadyRecorded;
    ParsedDocument doc;
    List<Chunk> chunks = List.of();
    List<String> textHashes;

    Prepared(Kind kind, Candidate candidate) {
      this.kind = kind;
      this.candidate = candidate;
    }

    static Prepared unchanged(Candidate c, long touchMtime, long fileId) {
      Prepared p = new Prepared(Kind.UNCHANGED, c);
      p.touchMtime = touchMtime;
      p.fileId = fileId;
      return p;
    }

    static Prepared failed(Candidate c, long size, long mtime, String error, String errorKind) {
      Prepared p = new Prepared(Kind.FAILED, c);
      p.errorKind = errorKind;
      p.size = size;
      p.mtime = mtime;
      p.error = error == null || error.isBlank() ? "unknown error" : error;
      return p;
    }
  }

  /** Counters and pending catalog writes of one run. */
  private static final class RunState {
    int seen;
    int indexed;
    int unchanged;
    long chunks;
    final List<IngestReport.Failure> failures = new ArrayList<>();
    final List<IngestReport.Failure> notes = new ArrayList<>();
    final List<Prepared> failedToRecord = new ArrayList<>();
    final List<Prepared> touches = new ArrayList<>();
    // Timing (IngestReport.Timing): parse threads add concurrently, the rest is the ingest thread's.
    final java.util.concurrent.atomic.LongAdder parseNanos = new java.util.concurrent.atomic.LongAdder();
    long parserWaitNanos;
    long embedNanos;
    long indexNanos;

    void fail(String path, String reason, String kind) {
      failures.add(new IngestReport.Failure(path, reason, kind));
    }
  }
}
