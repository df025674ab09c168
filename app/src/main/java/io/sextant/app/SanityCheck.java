package io.sextant.app;

import io.sextant.services.engine.Engine;
import io.sextant.services.indexing.IngestListener;
import io.sextant.services.indexing.IngestReport;
import io.sextant.services.search.DocHit;
import io.sextant.services.search.Fusion;
import io.sextant.services.search.SearchMode;
import io.sextant.services.search.SearchRequest;
import io.sextant.services.search.SearchResponse;
import io.sextant.services.task.Cancellation;
import io.sextant.services.workspace.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code sextant --sanity-check}: proves an installed (or freshly built) Sextant works end to end
 * without a JDK or network: the services start, a built-in model loads from the bundled jars, the
 * bundled sample corpus is indexed into a throw-away workspace and a hybrid search finds the file
 * it must find. Installer builds and CI run it against the packaged image, so its output is one
 * line either way and its exit code is the verdict.
 */
public final class SanityCheck {

  static final String MODEL = "all-minilm-l6-v2-q";
  static final String QUERY = "why does high water come later every day";
  static final String EXPECTED_TOP = "tides-and-the-moon.pdf";
  /** sample-corpora/documents/broken/damaged-report.pdf is deliberately unreadable. */
  static final int EXPECTED_FAILURES = 1;

  private final Wiring wiring;

  public SanityCheck(Wiring wiring) {
    this.wiring = wiring;
  }

  /** Runs the check on {@code corpus} (empty: not found); prints one line; returns the exit code. */
  public int run(Optional<Path> corpus, PrintWriter out, PrintWriter err) {
    try {
      String ok = check(corpus.orElseThrow(() -> new IllegalStateException(
          "sample corpus not found (sample-corpora/documents under sextant.root="
              + System.getProperty("sextant.root", "<unset>") + ")")));
      out.println("sanity-check ok: " + ok);
      out.flush();
      return 0;
    } catch (Exception | Error e) {
      // Errors too: a packaged image missing a native library or its metadata fails with
      // LinkageError or (DJL) AssertionError, and the check's contract is one line and exit 1
      // expected failures carry their reason in the message; Errors need their type to make sense
      String why = e.getMessage() == null ? e.toString()
          : e instanceof Error ? e.getClass().getSimpleName() + ": " + e.getMessage() : e.getMessage();
      err.println("sanity-check failed: " + why.replaceAll("\\s+", " ").strip());
      err.flush();
      return 1;
    }
  }

  private String check(Path corpus) throws IOException {
    Path temp = Files.createTempDirectory("sextant-sanity-");
    try {
      IngestReport report;
      SearchResponse response;
      long started = System.nanoTime();
      try (Engine engine = Engine.open(Workspace.at(temp.resolve("workspace")), wiring.models(), wiring.tasks(),
          c -> c.withModels(List.of(MODEL)))) {
        report = engine.ingest(List.of(corpus), IngestListener.NONE, new Cancellation());
        if (report.filesIndexed() == 0) {
          throw new IllegalStateException("no files indexed from " + corpus);
        }
        if (report.filesFailed() != EXPECTED_FAILURES) {
          throw new IllegalStateException(report.filesFailed() + " files failed to index (expected "
              + EXPECTED_FAILURES + "): " + report.failures());
        }
        response = engine.search(SearchRequest.builder(QUERY, SearchMode.HYBRID).modelId(MODEL).k(5)
            .fusion(new Fusion.Convex(0.5)).build());
      }
      long millis = (System.nanoTime() - started) / 1_000_000;
      List<DocHit> hits = response.hits();
      if (hits.isEmpty()) {
        throw new IllegalStateException("search for \"" + QUERY + "\" returned nothing");
      }
      String top = Path.of(hits.get(0).path()).getFileName().toString();
      if (!top.equals(EXPECTED_TOP)) {
        throw new IllegalStateException("top hit for \"" + QUERY + "\" was " + top + ", expected " + EXPECTED_TOP);
      }
      return String.format("%d files indexed, %d failed (expected broken sample), model %s, top hit %s (%d ms)",
          report.filesIndexed(), report.filesFailed(), MODEL, top, millis);
    } finally {
      deleteQuietly(temp);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temp folder is not worth failing a passed check for
    }
  }

}
