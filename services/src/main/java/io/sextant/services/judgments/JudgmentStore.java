package io.sextant.services.judgments;

import io.sextant.services.eval.Qrels;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Saved queries and graded judgments (query, file key, grade) of one workspace, in SQLite. It is
 * its own file ({@code judgments.db} in the workspace folder) rather than catalog tables: the
 * judgments are the user's work, while the catalog is derived data a re-index may rebuild, and
 * keeping them apart means no catalog migration and a file that can be copied between
 * workspaces of the same documents.
 *
 * <p>Grades are as in TREC's graded qrels: 0 not relevant, higher is more relevant (the
 * workbench judges 0, 1 and 2; imported qrels keep their own scale). One connection; every public method is {@code synchronized}.
 */
public final class JudgmentStore implements AutoCloseable {

  public static final String FILE_NAME = "judgments.db";
  /** Highest grade stored; the workbench judges 0..2, imported qrels may grade finer. */
  public static final int MAX_GRADE = 100;
  private static final int SCHEMA = 1;

  private final Connection conn;

  private JudgmentStore(Connection conn) {
    this.conn = conn;
  }

  /** Opens (creating if needed) the store in the workspace folder {@code workspaceRoot}. */
  public static JudgmentStore openIn(Path workspaceRoot) throws IOException {
    return open(workspaceRoot.resolve(FILE_NAME));
  }

  public static JudgmentStore open(Path dbFile) throws IOException {
    Objects.requireNonNull(dbFile, "dbFile");
    Path file = dbFile.toAbsolutePath().normalize();
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    try {
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement st = c.createStatement()) {
        st.execute("PRAGMA journal_mode = WAL");
        st.execute("PRAGMA busy_timeout = 10000");
        st.execute("PRAGMA foreign_keys = ON");
        int version;
        try (ResultSet rs = st.executeQuery("PRAGMA user_version")) {
          version = rs.getInt(1);
        }
        if (version > SCHEMA) {
          c.close();
          throw new IOException(file + " was written by a newer Sextant (judgments schema " + version
              + ", this one knows " + SCHEMA + ")");
        }
        if (version < 1) {
          st.execute("CREATE TABLE IF NOT EXISTS queries (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
              + " id TEXT NOT NULL UNIQUE, text TEXT NOT NULL)");
          st.execute("CREATE INDEX IF NOT EXISTS queries_text ON queries(text)");
          st.execute("CREATE TABLE IF NOT EXISTS judgments (query_id TEXT NOT NULL REFERENCES"
              + " queries(id) ON DELETE CASCADE, doc_key TEXT NOT NULL, grade INTEGER NOT NULL,"
              + " judged_at INTEGER NOT NULL, PRIMARY KEY (query_id, doc_key))");
          st.execute("PRAGMA user_version = " + SCHEMA);
        }
      }
      return new JudgmentStore(c);
    } catch (SQLException e) {
      throw new IOException("cannot open the judgments file " + file + ": " + e.getMessage(), e);
    }
  }

  static String checkId(String id) {
    Objects.requireNonNull(id, "id");
    if (id.isEmpty() || id.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("a query id must be one non-empty word (TREC format), got '" + id + "'");
    }
    return id;
  }

  private static void checkGrade(int grade) {
    if (grade < 0 || grade > MAX_GRADE) {
      throw new IllegalArgumentException("grade must be in 0.." + MAX_GRADE + ", got " + grade);
    }
  }

  private static String checkText(String text) {
    Objects.requireNonNull(text, "text");
    String t = text.strip();
    if (t.isEmpty()) {
      throw new IllegalArgumentException("a saved query needs text");
    }
    return t;
  }

  /** The id of the query with this text, saving it under a new id ({@code qN}) if new. */
  public synchronized String saveQuery(String text) throws IOException {
    String t = checkText(text);
    Optional<String> existing = idOf(t);
    if (existing.isPresent()) {
      return existing.get();
    }
    return sql("save query", () -> {
      long n;
      try (Statement st = conn.createStatement();
          ResultSet rs = st.executeQuery("SELECT count(*) FROM queries")) {
        n = rs.getLong(1);
      }
      String id;
      do {
        id = "q" + (++n);
      } while (idTaken(id)); // an imported query may already be called q7
      insertQuery(id, t);
      return id;
    });
  }

  private boolean idTaken(String id) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("SELECT 1 FROM queries WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /**
   * Saves a query under a given id (an imported one). Saving the same id with the same text again
   * is a no-op; another text under an existing id is an error rather than a silent overwrite.
   */
  public synchronized void putQuery(String id, String text) throws IOException {
    checkId(id);
    String t = checkText(text);
    Optional<String> old = text(id);
    if (old.isPresent()) {
      if (!old.get().equals(t)) {
        throw new IllegalArgumentException("query id " + id + " is already saved with another text: '"
            + old.get() + "'");
      }
      return;
    }
    sql("save query " + id, () -> {
      insertQuery(id, t);
      return null;
    });
  }

  private void insertQuery(String id, String text) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO queries(id, text) VALUES (?, ?)")) {
      ps.setString(1, id);
      ps.setString(2, text);
      ps.executeUpdate();
    }
  }

  /** The id of the first query saved with exactly this text (after trimming). */
  public synchronized Optional<String> idOf(String text) throws IOException {
    String t = text.strip();
    return sql("find query", () -> {
      try (PreparedStatement ps = conn.prepareStatement("SELECT id FROM queries WHERE text = ? ORDER BY seq LIMIT 1")) {
        ps.setString(1, t);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
      }
    });
  }

  /** The text of a saved query. */
  public synchronized Optional<String> text(String id) throws IOException {
    return sql("read query", () -> {
      try (PreparedStatement ps = conn.prepareStatement("SELECT text FROM queries WHERE id = ?")) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
      }
    });
  }

  /** Records (or changes) the grade of a file for a query given by its text, saving the query. */
  public synchronized void judge(String queryText, String docKey, int grade) throws IOException {
    judgeById(saveQuery(queryText), docKey, grade);
  }

  /** Records (or changes) the grade of a file for a saved query. */
  public synchronized void judgeById(String queryId, String docKey, int grade) throws IOException {
    checkGrade(grade);
    Objects.requireNonNull(docKey, "docKey");
    if (text(queryId).isEmpty()) {
      throw new IllegalArgumentException("no saved query with id " + queryId);
    }
    sql("record judgment", () -> {
      try (PreparedStatement ps = conn.prepareStatement("INSERT INTO judgments(query_id, doc_key, grade, judged_at)"
          + " VALUES (?, ?, ?, ?) ON CONFLICT(query_id, doc_key) DO UPDATE SET grade = excluded.grade,"
          + " judged_at = excluded.judged_at")) {
        ps.setString(1, queryId);
        ps.setString(2, docKey);
        ps.setInt(3, grade);
        ps.setLong(4, System.currentTimeMillis());
        ps.executeUpdate();
      }
      return null;
    });
  }

  /** Grades of a query given by its text, by file key; empty when it is not saved. */
  public synchronized Map<String, Integer> gradesOf(String queryText) throws IOException {
    Optional<String> id = idOf(queryText);
    return id.isEmpty() ? Map.of() : grades(id.get());
  }

  /** Grades of a saved query, by file key, in the order they were recorded. */
  public synchronized Map<String, Integer> grades(String queryId) throws IOException {
    return sql("read judgments", () -> {
      Map<String, Integer> out = new LinkedHashMap<>();
      try (PreparedStatement ps = conn.prepareStatement(
          "SELECT doc_key, grade FROM judgments WHERE query_id = ? ORDER BY rowid")) {
        ps.setString(1, queryId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.put(rs.getString(1), rs.getInt(2));
          }
        }
      }
      return out;
    });
  }

  /** Every saved query that has at least one judgment, in the order saved. */
  public synchronized List<SavedQuery> judgedQueries() throws IOException {
    return sql("list judged queries", () -> {
      List<SavedQuery> out = new ArrayList<>();
      try (Statement st = conn.createStatement();
          ResultSet rs = st.executeQuery("SELECT q.id, q.text, count(j.doc_key),"
              + " sum(CASE WHEN j.grade > 0 THEN 1 ELSE 0 END) FROM queries q JOIN judgments j"
              + " ON j.query_id = q.id GROUP BY q.seq ORDER BY q.seq")) {
        while (rs.next()) {
          out.add(new SavedQuery(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4)));
        }
      }
      return out;
    });
  }

  /** All judgments as qrels, keyed by query id and file key. */
  public synchronized Qrels qrels() throws IOException {
    Map<String, Map<String, Integer>> map = new LinkedHashMap<>();
    for (SavedQuery q : judgedQueries()) {
      map.put(q.id(), grades(q.id()));
    }
    return new Qrels(map);
  }

  /** Removes a file's judgment for a query. */
  public synchronized void forget(String queryId, String docKey) throws IOException {
    sql("remove judgment", () -> {
      try (PreparedStatement ps = conn.prepareStatement("DELETE FROM judgments WHERE query_id = ? AND doc_key = ?")) {
        ps.setString(1, queryId);
        ps.setString(2, docKey);
        ps.executeUpdate();
      }
      return null;
    });
  }

  /**
   * Writes the judgments as TREC qrels ({@code qid 0 docno grade}); {@code docIds} turns file
   * keys into TREC document numbers.
   *
   * @return lines written
   */
  public synchronized int exportQrels(Path file, DocIds docIds) throws IOException {
    Objects.requireNonNull(docIds, "docIds");
    Qrels q = qrels();
    int n = 0;
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (String qid : q.queryIds()) {
        for (var e : q.judgments(qid).entrySet()) {
          w.write(qid + " 0 " + docIds.docId(e.getKey()) + " " + e.getValue());
          w.newLine();
          n++;
        }
      }
    }
    return n;
  }

  /** Runs several statements in one transaction (an import is all or nothing). */
  public synchronized <T> T inTransaction(SqlWork<T> work) throws IOException {
    try {
      conn.setAutoCommit(false);
      try {
        T t = work.run();
        conn.commit();
        return t;
      } catch (IOException | RuntimeException e) {
        conn.rollback();
        throw e;
      } finally {
        conn.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IOException("judgments transaction failed: " + e.getMessage(), e);
    }
  }

  /** Work inside {@link #inTransaction}. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T run() throws IOException;
  }

  @FunctionalInterface
  private interface Sql<T> {
    T run() throws SQLException;
  }

  private <T> T sql(String what, Sql<T> work) throws IOException {
    try {
      return work.run();
    } catch (SQLException e) {
      throw new IOException("could not " + what + " in the judgments file: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    try {
      conn.close();
    } catch (SQLException e) {
      throw new IOException("could not close the judgments file: " + e.getMessage(), e);
    }
  }
}
