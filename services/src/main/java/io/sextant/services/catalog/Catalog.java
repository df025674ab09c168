package io.sextant.services.catalog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The workspace catalog in one SQLite file: sources, files, chunks, cached embeddings and
 * key/value metadata.
 *
 * <p>One connection, every public method {@code synchronized}: SQLite serialises writers anyway,
 * and a single connection keeps transactions simple. WAL mode lets other processes (a second
 * Sextant window, the sqlite3 shell) read while we write. Foreign keys cascade: removing a
 * source removes its files, removing a file removes its chunks. Embeddings are keyed by text
 * hash, not by chunk, so they survive re-indexing and are shared by identical texts.
 *
 * <p>The schema version lives in {@code PRAGMA user_version}; opening an older catalog runs the
 * forward migrations in order, and opening one written by a newer Sextant fails cleanly instead
 * of corrupting it.
 *
 * <p>Every SQL failure becomes a {@link CatalogException} naming the operation.
 */
public final class Catalog implements AutoCloseable {

  /** Current schema version; {@link #MIGRATIONS}{@code [v]} takes a catalog from v to v + 1. */
  static final int SCHEMA_VERSION = 3;

  /** "SXTC": marks the file as a Sextant catalog, so we never migrate someone else's database. */
  private static final int APPLICATION_ID = 0x53585443;

  /** Rows per IN (...) query: well under SQLite's bound-parameter limit. */
  private static final int IN_BATCH = 500;

  @FunctionalInterface
  private interface Migration {
    void apply(Statement st) throws SQLException;
  }

  private static final List<Migration> MIGRATIONS =
      List.of(Catalog::createVersion1, Catalog::addErrorKind, Catalog::addImages);

  private static final String FILE_COLUMNS = "f.id, f.source_id, f.path, f.size, f.mtime_ms, "
      + "f.content_hash, f.content_type, f.title, f.author, f.created_ms, f.page_count, "
      + "f.language, f.status, f.error, f.indexed_at, f.error_kind";
  private static final String CHUNK_COLUMNS =
      "c.id, c.file_id, c.ordinal, c.start, c.end_, c.page, c.tokens, c.text, c.text_hash";

  private final Path dbFile;
  private final Connection conn;
  private boolean closed;

  private Catalog(Path dbFile, Connection conn) {
    this.dbFile = dbFile;
    this.conn = conn;
  }

  /** Opens (creating if needed) the catalog in {@code dbFile} and brings its schema up to date. */
  public static Catalog open(Path dbFile) {
    Objects.requireNonNull(dbFile, "dbFile");
    Path file = dbFile.toAbsolutePath().normalize();
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
    } catch (IOException e) {
      throw new CatalogException("cannot create the folder for catalog " + file, e);
    }
    Connection conn;
    try {
      conn = DriverManager.getConnection("jdbc:sqlite:" + file);
    } catch (SQLException e) {
      throw new CatalogException("cannot open catalog " + file, e);
    }
    try {
      try (Statement st = conn.createStatement()) {
        st.execute("PRAGMA foreign_keys = ON");
        st.execute("PRAGMA journal_mode = WAL");
        // NORMAL is durable in WAL mode except for the last commits on power loss, which a
        // re-index repairs; FULL would fsync on every file indexed.
        st.execute("PRAGMA synchronous = NORMAL");
        st.execute("PRAGMA busy_timeout = 10000");
      }
      migrate(conn, file);
    } catch (SQLException | RuntimeException e) {
      try {
        conn.close();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      if (e instanceof CatalogException ce) {
        throw ce;
      }
      throw new CatalogException("cannot open catalog " + file, e);
    }
    return new Catalog(file, conn);
  }

  public Path path() {
    return dbFile;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      conn.close();
    } catch (SQLException e) {
      throw new CatalogException("cannot close catalog " + dbFile, e);
    }
  }

  // ------------------------------------------------------------------ schema

  private static void migrate(Connection conn, Path file) throws SQLException {
    int version;
    int appId;
    try (Statement st = conn.createStatement()) {
      version = intPragma(st, "user_version");
      appId = intPragma(st, "application_id");
    }
    if (appId != 0 && appId != APPLICATION_ID) {
      throw new CatalogException("not a Sextant catalog: " + file);
    }
    if (version > SCHEMA_VERSION) {
      throw new CatalogException("catalog " + file + " has schema version " + version
          + " but this Sextant understands up to " + SCHEMA_VERSION + "; use a newer Sextant");
    }
    for (; version < SCHEMA_VERSION; version++) {
      conn.setAutoCommit(false);
      try (Statement st = conn.createStatement()) {
        MIGRATIONS.get(version).apply(st);
        st.execute("PRAGMA user_version = " + (version + 1));
        st.execute("PRAGMA application_id = " + APPLICATION_ID);
        conn.commit();
      } catch (SQLException | RuntimeException e) {
        conn.rollback();
        throw new CatalogException("cannot upgrade catalog " + file + " to schema version "
            + (version + 1), e);
      } finally {
        conn.setAutoCommit(true);
      }
    }
  }

  private static int intPragma(Statement st, String name) throws SQLException {
    try (ResultSet rs = st.executeQuery("PRAGMA " + name)) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  private static void createVersion1(Statement st) throws SQLException {
    st.execute("""
        CREATE TABLE sources(
          id INTEGER PRIMARY KEY,
          root TEXT NOT NULL UNIQUE,
          added_at INTEGER NOT NULL)""");
    st.execute("""
        CREATE TABLE files(
          id INTEGER PRIMARY KEY,
          source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
          path TEXT NOT NULL UNIQUE,
          size INTEGER NOT NULL,
          mtime_ms INTEGER NOT NULL,
          content_hash TEXT,
          content_type TEXT,
          title TEXT,
          author TEXT,
          created_ms INTEGER,
          page_count INTEGER NOT NULL DEFAULT 0,
          language TEXT,
          status TEXT NOT NULL CHECK (status IN ('indexed', 'failed')),
          error TEXT,
          indexed_at INTEGER NOT NULL)""");
    // Cascading deletes and per-source listings look files up by source.
    st.execute("CREATE INDEX files_by_source ON files(source_id)");
    st.execute("""
        CREATE TABLE chunks(
          id INTEGER PRIMARY KEY,
          file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
          ordinal INTEGER NOT NULL,
          start INTEGER NOT NULL,
          end_ INTEGER NOT NULL,
          page INTEGER NOT NULL,
          tokens INTEGER NOT NULL,
          text TEXT NOT NULL,
          text_hash TEXT NOT NULL,
          UNIQUE (file_id, ordinal))""");
    st.execute("""
        CREATE TABLE embeddings(
          text_hash TEXT NOT NULL,
          model_id TEXT NOT NULL,
          model_sha TEXT NOT NULL,
          dims INTEGER NOT NULL,
          vector BLOB NOT NULL,
          PRIMARY KEY (text_hash, model_id, model_sha)) WITHOUT ROWID""");
    st.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
  }

  /**
   * Version 2: a failed file's broad reason ("encrypted", "timeout", "out-of-memory"...) next to
   * its human message, so reports can count failures by kind without parsing text.
   */
  private static void addErrorKind(Statement st) throws SQLException {
    st.execute("ALTER TABLE files ADD COLUMN error_kind TEXT");
  }

  /** Version 3: image files with their EXIF facts; vectors live in {@code embeddings}. */
  private static void addImages(Statement st) throws SQLException {
    st.execute("""
        CREATE TABLE images(
          id INTEGER PRIMARY KEY,
          source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
          path TEXT NOT NULL UNIQUE,
          size INTEGER NOT NULL,
          mtime_ms INTEGER NOT NULL,
          content_hash TEXT,
          width INTEGER NOT NULL DEFAULT 0,
          height INTEGER NOT NULL DEFAULT 0,
          format TEXT,
          orientation INTEGER NOT NULL DEFAULT 1,
          taken TEXT,
          camera_make TEXT,
          camera_model TEXT,
          status TEXT NOT NULL CHECK (status IN ('indexed', 'failed')),
          error TEXT,
          indexed_at INTEGER NOT NULL)""");
    st.execute("CREATE INDEX images_by_source ON images(source_id)");
  }

  // ------------------------------------------------------------------ images

  private static final String IMAGE_COLUMNS = "id, source_id, path, size, mtime_ms, content_hash, "
      + "width, height, format, orientation, taken, camera_make, camera_model, status, error";

  /** Inserts or updates (by path, keeping the id) an image row; returns its id. */
  public synchronized long putImage(ImageRecord r) {
    Objects.requireNonNull(r, "image");
    return write("store image " + r.path(), () -> {
      try (PreparedStatement ps = conn.prepareStatement("INSERT INTO images(source_id, path, size, "
          + "mtime_ms, content_hash, width, height, format, orientation, taken, camera_make, "
          + "camera_model, status, error, indexed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
          + "ON CONFLICT(path) DO UPDATE SET source_id = excluded.source_id, size = excluded.size, "
          + "mtime_ms = excluded.mtime_ms, content_hash = excluded.content_hash, width = excluded.width, "
          + "height = excluded.height, format = excluded.format, orientation = excluded.orientation, "
          + "taken = excluded.taken, camera_make = excluded.camera_make, camera_model = excluded.camera_model, "
          + "status = excluded.status, error = excluded.error, indexed_at = excluded.indexed_at")) {
        bind(ps, r.sourceId(), r.path(), r.size(), r.mtimeMs(), r.contentHash(), r.width(), r.height(),
            r.format(), r.orientation(), r.taken(), r.cameraMake(), r.cameraModel(),
            r.status() == FileStatus.INDEXED ? "indexed" : "failed", r.error(), System.currentTimeMillis());
        ps.executeUpdate();
      }
      try (PreparedStatement ps = conn.prepareStatement("SELECT id FROM images WHERE path = ?")) {
        ps.setString(1, r.path());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  /** The image stored under {@code path}. */
  public synchronized Optional<ImageRecord> image(String path) {
    Objects.requireNonNull(path, "path");
    return read("look up image " + path, () -> {
      List<ImageRecord> found = queryImages("WHERE path = ?", path);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    });
  }

  /** Images of one source, by path. */
  public synchronized List<ImageRecord> images(long sourceId) {
    return read("list images of source " + sourceId,
        () -> queryImages("WHERE source_id = ? ORDER BY path", sourceId));
  }

  /** Number of indexed images. */
  public synchronized int imageCount() {
    return read("count images", () -> {
      try (Statement st = conn.createStatement();
          ResultSet rs = st.executeQuery("SELECT count(*) FROM images WHERE status = 'indexed'")) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    });
  }

  public synchronized void deleteImage(long id) {
    write("delete image " + id, () -> update("DELETE FROM images WHERE id = ?", id));
  }

  private List<ImageRecord> queryImages(String where, Object... params) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("SELECT " + IMAGE_COLUMNS + " FROM images " + where)) {
      bind(ps, params);
      List<ImageRecord> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new ImageRecord(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4),
              rs.getLong(5), rs.getString(6), rs.getInt(7), rs.getInt(8), rs.getString(9), rs.getInt(10),
              rs.getString(11), rs.getString(12), rs.getString(13),
              "indexed".equals(rs.getString(14)) ? FileStatus.INDEXED : FileStatus.FAILED, rs.getString(15)));
        }
      }
      return out;
    }
  }

  // ------------------------------------------------------------------ sources

  /** Adds a source root (made absolute and normalised); returns its id, existing or new. */
  public synchronized long addSource(Path root) {
    Objects.requireNonNull(root, "root");
    String path = root.toAbsolutePath().normalize().toString();
    return write("add source " + path, () -> {
      try (PreparedStatement ps = conn.prepareStatement(
          "INSERT INTO sources(root, added_at) VALUES (?, ?) ON CONFLICT(root) DO NOTHING")) {
        ps.setString(1, path);
        ps.setLong(2, System.currentTimeMillis());
        ps.executeUpdate();
      }
      try (PreparedStatement ps = conn.prepareStatement("SELECT id FROM sources WHERE root = ?")) {
        ps.setString(1, path);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  /** All sources, in the order they were added. */
  public synchronized List<SourceRecord> sources() {
    return read("list sources", () -> {
      List<SourceRecord> out = new ArrayList<>();
      try (Statement st = conn.createStatement();
          ResultSet rs = st.executeQuery("SELECT id, root, added_at FROM sources ORDER BY id")) {
        while (rs.next()) {
          out.add(new SourceRecord(rs.getLong(1), Path.of(rs.getString(2)),
              Instant.ofEpochMilli(rs.getLong(3))));
        }
      }
      return out;
    });
  }

  /** Removes a source with all its files and their chunks. Cached embeddings stay. */
  public synchronized void removeSource(long id) {
    write("remove source " + id, () -> update("DELETE FROM sources WHERE id = ?", id));
  }

  // ------------------------------------------------------------------ files

  /** The file stored under {@code path}, indexed or failed. */
  public synchronized Optional<FileRecord> file(String path) {
    Objects.requireNonNull(path, "path");
    return read("look up file " + path, () -> {
      List<FileRecord> found = queryFiles("WHERE f.path = ?", path);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    });
  }

  /** Files of one source, by path. */
  public synchronized List<FileRecord> files(long sourceId) {
    return read("list files of source " + sourceId,
        () -> queryFiles("WHERE f.source_id = ? ORDER BY f.path", sourceId));
  }

  /** Chunks per path of every indexed file (0 for one with none), for checking the index against. */
  public synchronized Map<String, Integer> chunkCountsByPath() {
    return read("count chunks per file", () -> {
      Map<String, Integer> out = new java.util.TreeMap<>();
      try (Statement st = conn.createStatement();
          ResultSet rs = st.executeQuery("SELECT f.path, COUNT(c.id) FROM files f LEFT JOIN chunks c"
              + " ON c.file_id = f.id WHERE f.status = 'indexed' GROUP BY f.id")) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getInt(2));
        }
      }
      return out;
    });
  }

  /** Files whose last indexing failed, by path. */
  public synchronized List<FileRecord> failedFiles() {
    return read("list failed files", () -> queryFiles("WHERE f.status = 'failed' ORDER BY f.path"));
  }

  /**
   * Indexed files that carry a note (in {@link FileRecord#error()}, kind in
   * {@link FileRecord#errorKind()}): indexed only in part, such as "truncated", by path.
   */
  public synchronized List<FileRecord> notedFiles() {
    return read("list files with notes", () -> queryFiles(
        "WHERE f.status = 'indexed' AND f.error IS NOT NULL AND f.error <> '' ORDER BY f.path"));
  }

  /**
   * Stores a parsed file and its chunks in one transaction: the file row is inserted or updated
   * (keeping its id) and marked indexed, and its old chunks are replaced.
   *
   * @return the file's id
   */
  public synchronized long putIndexedFile(FileRecord f, List<ChunkRecord> chunks) {
    return putIndexedFile(f, chunks, null, null);
  }

  /**
   * Like {@link #putIndexedFile(FileRecord, List)}, with a note for a file indexed only in part
   * (kind "truncated" and a sentence saying what was left out); null for none.
   */
  public synchronized long putIndexedFile(FileRecord f, List<ChunkRecord> chunks, String noteKind,
      String note) {
    Objects.requireNonNull(f, "file");
    Objects.requireNonNull(chunks, "chunks");
    return write("store indexed file " + f.path(), () -> {
      long fileId = upsertFile(f.sourceId(), f.path(), f.size(), f.mtimeMs(), f, FileStatus.INDEXED, note);
      if (note != null) {
        update("UPDATE files SET error_kind = ? WHERE id = ?", noteKind == null ? "note" : noteKind, fileId);
      }
      update("DELETE FROM chunks WHERE file_id = ?", fileId);
      try (PreparedStatement ps = conn.prepareStatement("INSERT INTO chunks(file_id, ordinal, "
          + "start, end_, page, tokens, text, text_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        executeInBatches(ps, chunks, c -> {
          ps.setLong(1, fileId);
          ps.setInt(2, c.ordinal());
          ps.setInt(3, c.start());
          ps.setInt(4, c.end());
          ps.setInt(5, c.page());
          ps.setInt(6, c.tokens());
          ps.setString(7, c.text());
          ps.setString(8, c.textHash());
        });
      }
      return fileId;
    });
  }

  /**
   * Records that a file could not be indexed, with a short human reason. Any chunks from an
   * earlier successful indexing are dropped: they no longer describe the file.
   */
  public synchronized void putFailedFile(long sourceId, String path, long size, long mtimeMs,
      String reason) {
    putFailedFile(sourceId, path, size, mtimeMs, "other", reason);
  }

  /**
   * Like {@link #putFailedFile(long, String, long, long, String)}, with the failure's broad
   * {@code kind} ("encrypted", "timeout", "out-of-memory"...).
   */
  public synchronized void putFailedFile(long sourceId, String path, long size, long mtimeMs,
      String kind, String reason) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(reason, "reason");
    write("store failed file " + path, () -> {
      long fileId = upsertFile(sourceId, path, size, mtimeMs, null, FileStatus.FAILED, reason);
      update("UPDATE files SET error_kind = ? WHERE id = ?", kind == null ? "other" : kind, fileId);
      update("DELETE FROM chunks WHERE file_id = ?", fileId);
      return null;
    });
  }

  /** Records a new modification time for a file whose content hash did not change. */
  public synchronized void touchFile(long fileId, long mtimeMs) {
    write("update modification time of file " + fileId, () -> {
      if (update("UPDATE files SET mtime_ms = ? WHERE id = ?", mtimeMs, fileId) == 0) {
        throw new CatalogException("update modification time: no file with id " + fileId);
      }
      return null;
    });
  }

  /** Deletes a file and its chunks; nothing happens if it does not exist. */
  public synchronized void deleteFile(long fileId) {
    write("delete file " + fileId, () -> update("DELETE FROM files WHERE id = ?", fileId));
  }

  private long upsertFile(long sourceId, String path, long size, long mtimeMs, FileRecord meta,
      FileStatus status, String error) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("""
        INSERT INTO files(source_id, path, size, mtime_ms, content_hash, content_type, title,
                          author, created_ms, page_count, language, status, error, indexed_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT(path) DO UPDATE SET
          source_id = excluded.source_id, size = excluded.size, mtime_ms = excluded.mtime_ms,
          content_hash = excluded.content_hash, content_type = excluded.content_type,
          title = excluded.title, author = excluded.author, created_ms = excluded.created_ms,
          page_count = excluded.page_count, language = excluded.language,
          status = excluded.status, error = excluded.error, indexed_at = excluded.indexed_at,
          error_kind = NULL""")) {
      ps.setLong(1, sourceId);
      ps.setString(2, path);
      ps.setLong(3, size);
      ps.setLong(4, mtimeMs);
      setNullableString(ps, 5, meta == null ? null : meta.contentHash());
      setNullableString(ps, 6, meta == null ? null : meta.contentType());
      setNullableString(ps, 7, meta == null ? null : meta.title());
      setNullableString(ps, 8, meta == null ? null : meta.author());
      if (meta == null || meta.created() == null) {
        ps.setNull(9, Types.INTEGER);
      } else {
        ps.setLong(9, meta.created().toEpochMilli());
      }
      ps.setInt(10, meta == null ? 0 : meta.pageCount());
      setNullableString(ps, 11, meta == null ? null : meta.language());
      ps.setString(12, status.sql());
      setNullableString(ps, 13, error);
      ps.setLong(14, System.currentTimeMillis());
      ps.executeUpdate();
    }
    try (PreparedStatement ps = conn.prepareStatement("SELECT id FROM files WHERE path = ?")) {
      ps.setString(1, path);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private List<FileRecord> queryFiles(String where, Object... params) throws SQLException {
    List<FileRecord> out = new ArrayList<>();
    try (PreparedStatement ps = conn.prepareStatement(
        "SELECT " + FILE_COLUMNS + " FROM files f " + where)) {
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(fileRow(rs, 1));
        }
      }
    }
    return out;
  }

  /** Reads the 16 {@link #FILE_COLUMNS} starting at column {@code c}. */
  private static FileRecord fileRow(ResultSet rs, int c) throws SQLException {
    long created = rs.getLong(c + 9);
    boolean hasCreated = !rs.wasNull();
    return new FileRecord(rs.getLong(c), rs.getLong(c + 1), rs.getString(c + 2),
        rs.getLong(c + 3), rs.getLong(c + 4), rs.getString(c + 5), rs.getString(c + 6),
        rs.getString(c + 7), rs.getString(c + 8), hasCreated ? Instant.ofEpochMilli(created) : null,
        rs.getInt(c + 10), rs.getString(c + 11), FileStatus.fromSql(rs.getString(c + 12)),
        rs.getString(c + 13), Instant.ofEpochMilli(rs.getLong(c + 14)), rs.getString(c + 15));
  }

  // ------------------------------------------------------------------ chunks

  /** Chunks of one file, by ordinal. */
  public synchronized List<ChunkRecord> chunks(long fileId) {
    return read("list chunks of file " + fileId, () -> {
      List<ChunkRecord> out = new ArrayList<>();
      try (PreparedStatement ps = conn.prepareStatement(
          "SELECT " + CHUNK_COLUMNS + " FROM chunks c WHERE c.file_id = ? ORDER BY c.ordinal")) {
        ps.setLong(1, fileId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(chunkRow(rs, 1));
          }
        }
      }
      return out;
    });
  }

  /** Number of chunks in the catalog. */
  public synchronized int chunkCount() {
    return read("count chunks", () -> {
      try (Statement st = conn.createStatement();
          ResultSet rs = st.executeQuery("SELECT count(*) FROM chunks")) {
        rs.next();
        return rs.getInt(1);
      }
    });
  }

  /** Number of chunks of the files under one source. */
  public synchronized long chunkCount(long sourceId) {
    return read("count chunks of source " + sourceId, () -> {
      try (PreparedStatement ps = conn.prepareStatement("SELECT count(*) FROM chunks c JOIN files f"
          + " ON c.file_id = f.id WHERE f.source_id = ?")) {
        ps.setLong(1, sourceId);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  /**
   * Streams every chunk of every indexed file with its file row, by file then ordinal, without
   * loading them all: this is how the search index is rebuilt without re-parsing. The catalog
   * stays locked while it runs; {@code consumer} may call back into the catalog from the same
   * thread, but must not write to it.
   */
  public synchronized void forEachChunk(Consumer<? super IndexedChunk> consumer) {
    Objects.requireNonNull(consumer, "consumer");
    read("stream chunks", () -> {
      try (Statement st = conn.createStatement();
          ResultSet rs = st.executeQuery("SELECT " + FILE_COLUMNS + ", " + CHUNK_COLUMNS
              + " FROM chunks c JOIN files f ON f.id = c.file_id WHERE f.status = 'indexed'"
              + " ORDER BY c.file_id, c.ordinal")) {
        FileRecord file = null;
        while (rs.next()) {
          long fileId = rs.getLong(1);
          if (file == null || file.id() != fileId) {
            file = fileRow(rs, 1); // one FileRecord per file, shared by its chunks
          }
          consumer.accept(new IndexedChunk(file, chunkRow(rs, 17)));
        }
      }
      return null;
    });
  }

  private static ChunkRecord chunkRow(ResultSet rs, int c) throws SQLException {
    return new ChunkRecord(rs.getLong(c), rs.getLong(c + 1), rs.getInt(c + 2), rs.getInt(c + 3),
        rs.getInt(c + 4), rs.getInt(c + 5), rs.getInt(c + 6), rs.getString(c + 7),
        rs.getString(c + 8));
  }

  // ------------------------------------------------------------------ embeddings

  /**
   * Cached vectors of {@code modelId} at {@code modelSha} for the given text hashes; hashes
   * without a cached vector are simply absent from the result.
   */
  public synchronized Map<String, float[]> cachedEmbeddings(String modelId, String modelSha,
      Collection<String> textHashes) {
    Objects.requireNonNull(modelId, "modelId");
    Objects.requireNonNull(modelSha, "modelSha");
    Objects.requireNonNull(textHashes, "textHashes");
    List<String> hashes = new ArrayList<>(new LinkedHashSet<>(textHashes));
    return read("read cached embeddings of " + modelId, () -> {
      Map<String, float[]> out = new HashMap<>();
      for (int from = 0; from < hashes.size(); from += IN_BATCH) {
        List<String> batch = hashes.subList(from, Math.min(hashes.size(), from + IN_BATCH));
        String sql = "SELECT text_hash, dims, vector FROM embeddings WHERE model_id = ? AND "
            + "model_sha = ? AND text_hash IN (" + "?,".repeat(batch.size() - 1) + "?)";
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
          ps.setString(1, modelId);
          ps.setString(2, modelSha);
          for (int i = 0; i < batch.size(); i++) {
            ps.setString(3 + i, batch.get(i));
          }
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.put(rs.getString(1), decode(rs.getString(1), rs.getInt(2), rs.getBytes(3)));
            }
          }
        }
      }
      return out;
    });
  }

  /** Caches vectors by text hash for a model, in one transaction, replacing existing ones. */
  public synchronized void putEmbeddings(String modelId, String modelSha,
      Map<String, float[]> byTextHash) {
    Objects.requireNonNull(modelId, "modelId");
    Objects.requireNonNull(modelSha, "modelSha");
    Objects.requireNonNull(byTextHash, "byTextHash");
    byTextHash.forEach((hash, vector) -> {
      if (hash == null || vector == null || vector.length == 0) {
        throw new IllegalArgumentException("embedding for text hash " + hash + " is empty or null");
      }
    });
    write("store embeddings of " + modelId, () -> {
      try (PreparedStatement ps = conn.prepareStatement("INSERT OR REPLACE INTO embeddings("
          + "text_hash, model_id, model_sha, dims, vector) VALUES (?, ?, ?, ?, ?)")) {
        executeInBatches(ps, byTextHash.entrySet(), e -> {
          ps.setString(1, e.getKey());
          ps.setString(2, modelId);
          ps.setString(3, modelSha);
          ps.setInt(4, e.getValue().length);
          ps.setBytes(5, encode(e.getValue()));
        });
      }
      return null;
    });
  }

  /** Number of cached vectors of a model, over all its versions. */
  public synchronized long embeddingCount(String modelId) {
    Objects.requireNonNull(modelId, "modelId");
    return read("count embeddings of " + modelId, () -> {
      try (PreparedStatement ps =
          conn.prepareStatement("SELECT count(*) FROM embeddings WHERE model_id = ?")) {
        ps.setString(1, modelId);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  /** Little-endian float32, the layout numpy and most tools read without being told. */
  static byte[] encode(float[] vector) {
    ByteBuffer buf = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : vector) {
      buf.putInt(Float.floatToRawIntBits(v)); // raw bits: NaN payloads survive the round trip
    }
    return buf.array();
  }

  private static float[] decode(String hash, int dims, byte[] bytes) {
    if (bytes == null || bytes.length != dims * Float.BYTES) {
      throw new CatalogException("cached embedding for " + hash + " is damaged: expected "
          + dims * Float.BYTES + " bytes, found " + (bytes == null ? 0 : bytes.length));
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[dims];
    for (int i = 0; i < dims; i++) {
      out[i] = Float.intBitsToFloat(buf.getInt());
    }
    return out;
  }

  // ------------------------------------------------------------------ meta

  public synchronized Optional<String> meta(String key) {
    Objects.requireNonNull(key, "key");
    return read("read meta " + key, () -> {
      try (PreparedStatement ps = conn.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
        ps.setString(1, key);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
        }
      }
    });
  }

  public synchronized void putMeta(String key, String value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    write("write meta " + key, () -> {
      try (PreparedStatement ps = conn.prepareStatement(
          "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")) {
        ps.setString(1, key);
        ps.setString(2, value);
        ps.executeUpdate();
      }
      return null;
    });
  }

  // ------------------------------------------------------------------ plumbing

  @FunctionalInterface
  private interface Work<T> {
    T run() throws SQLException;
  }

  /** Runs {@code work} in one transaction; rolls back on any failure. Caller holds the lock. */
  private <T> T write(String what, Work<T> work) {
    checkOpen(what);
    try {
      conn.setAutoCommit(false);
      try {
        T result = work.run();
        conn.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        try {
          conn.rollback();
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      } finally {
        conn.setAutoCommit(true);
      }
    } catch (SQLException e) {
      if (diskAlmostFull()) {
        // After SQLITE_FULL, SQLite rolls back by itself and the driver reports a confusing
        // follow-up error ("no transaction is active"); the free space tells the real story.
        throw new CatalogException("cannot " + what + ": No space left on device (the disk holding "
            + dbFile + " is full)", e);
      }
      throw new CatalogException("cannot " + what, e);
    }
  }

  private boolean diskAlmostFull() {
    try {
      return Files.getFileStore(dbFile).getUsableSpace() < 1 << 20;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private <T> T read(String what, Work<T> work) {
    checkOpen(what);
    try {
      return work.run();
    } catch (SQLException e) {
      throw new CatalogException("cannot " + what, e);
    }
  }

  private void checkOpen(String what) {
    if (closed) {
      throw new CatalogException("cannot " + what + ": catalog " + dbFile + " is closed");
    }
  }

  private int update(String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      bind(ps, params);
      return ps.executeUpdate();
    }
  }

  private static void bind(PreparedStatement ps, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      ps.setObject(i + 1, params[i]);
    }
  }

  private static void setNullableString(PreparedStatement ps, int index, String value)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.VARCHAR);
    } else {
      ps.setString(index, value);
    }
  }

  @Override
  public String toString() {
    return "Catalog[" + dbFile + "]";
  }

  /** Binds one row's parameters on a prepared statement. */
  @FunctionalInterface
  private interface RowBinder<T> {
    void bind(T row) throws SQLException;
  }

  /** Adds every row to the statement's batch, sending it to SQLite every 1,000 rows. */
  private static <T> void executeInBatches(PreparedStatement ps, Iterable<T> rows, RowBinder<T> binder)
      throws SQLException {
    int pending = 0;
    for (T row : rows) {
      binder.bind(row);
      ps.addBatch();
      if (++pending == 1_000) {
        ps.executeBatch();
        pending = 0;
      }
    }
    if (pending > 0) {
      ps.executeBatch();
    }
  }

}
