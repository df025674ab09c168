package io.sextant.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installers' and CI's end-to-end check, run for real on the repository's sample corpus. */
class SanityCheckTest {

  static Wiring wiring;

  @BeforeAll
  static void setUp() {
    wiring = TestWiring.create();
  }

  @AfterAll
  static void tearDown() {
    wiring.close();
  }

  record Outcome(int code, String out, String err) {}

  static Outcome run(Optional<Path> corpus) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = new SanityCheck(wiring).run(corpus, new PrintWriter(out), new PrintWriter(err));
    return new Outcome(code, out.toString(), err.toString());
  }

  @Test
  void passesOnTheBundledSampleCorpusWithOneLineNamingTheTopHit() {
    Optional<Path> corpus = SampleCorpus.under(Path.of(".."));
    assertTrue(corpus.isPresent(), "repository sample corpus");
    Outcome o = run(corpus);
    assertEquals(0, o.code(), o.err());
    assertTrue(o.out().startsWith("sanity-check ok: "), o.out());
    assertTrue(o.out().contains("top hit tides-and-the-moon.pdf"), o.out());
    assertEquals(1, o.out().strip().lines().count(), o.out());
    assertEquals("", o.err());
  }

  @Test
  void failsWithOneLineReasonWhenTheCorpusIsMissing() {
    Outcome o = run(Optional.empty());
    assertEquals(1, o.code());
    assertEquals("", o.out());
    assertTrue(o.err().startsWith("sanity-check failed: sample corpus not found"), o.err());
  }

  @Test
  void failsWhenTheExpectedDocumentIsNotThere(@TempDir Path empty) throws Exception {
    // a folder with one unrelated text file: indexing works but the expected top hit cannot appear
    java.nio.file.Files.writeString(empty.resolve("note.txt"), "Bread needs flour, water, salt and time.");
    Outcome o = run(Optional.of(empty));
    assertEquals(1, o.code());
    assertTrue(o.err().startsWith("sanity-check failed: "), o.err());
  }

  @Test
  void locatesTheCorpusUnderTheSextantRootProperty() {
    String before = System.getProperty("sextant.root");
    try {
      System.setProperty("sextant.root", Path.of("..").toAbsolutePath().toString());
      assertTrue(SampleCorpus.locate().isPresent());
      System.setProperty("sextant.root", Path.of("does-not-exist").toAbsolutePath().toString());
      assertTrue(SampleCorpus.locate().isEmpty());
    } finally {
      if (before == null) {
        System.clearProperty("sextant.root");
      } else {
        System.setProperty("sextant.root", before);
      }
    }
  }
}
