package io.sextant.views.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IngestProgressTest {

  final AtomicLong now = new AtomicLong(1_000_000_000L);
  final IngestProgress progress = new IngestProgress(now::get);

  void advanceSeconds(double s) {
    now.addAndGet((long) (s * 1e9));
  }

  @Test
  void unknownTotalGivesAnIndeterminateBarAndNoEta() {
    IngestProgress.Snapshot s = progress.snapshot();
    assertEquals(-1, s.fraction());
    assertNull(s.eta());
  }

  @Test
  void etaExtrapolatesTheTimePerFileSoFar() {
    progress.filesFound(10);
    advanceSeconds(4);
    progress.fileDone(Path.of("/d/a.pdf"), 2, 10, null);
    IngestProgress.Snapshot s = progress.snapshot();
    assertEquals(0.2, s.fraction(), 1e-9);
    assertEquals(Duration.ofSeconds(16), s.eta());
    assertEquals("a.pdf", s.lastFile());
  }

  @Test
  void filesFinishingOutOfOrderNeverMoveTheCountBackwards() {
    progress.fileDone(Path.of("b"), 3, 5, null);
    progress.fileDone(Path.of("a"), 2, 5, "corrupt");
    IngestProgress.Snapshot s = progress.snapshot();
    assertEquals(3, s.done());
    assertEquals(1, s.failed());
  }

  @Test
  void chunkRateFollowsTheLastFewSecondsNotTheWholeRun() {
    progress.chunksEmbedded(10);
    advanceSeconds(10);
    progress.snapshot(); // slow start: 1 chunk/s
    for (int i = 0; i < 6; i++) {
      advanceSeconds(1);
      progress.chunksEmbedded(50);
      progress.snapshot();
    }
    double rate = progress.snapshot().chunksPerSecond();
    assertEquals(50, rate, 1.0, "rate over the window, got " + rate);
  }

  @Test
  void durationsReadAsSecondsMinutesOrHours() {
    assertEquals("—", IngestProgress.format(null));
    assertEquals("12 s", IngestProgress.format(Duration.ofMillis(12_400)));
    assertEquals("1:05", IngestProgress.format(Duration.ofSeconds(65)));
    assertEquals("2:00:07", IngestProgress.format(Duration.ofSeconds(7207)));
    assertTrue(LibraryView.humanBytes(60_620).equals("59.2 KiB"), LibraryView.humanBytes(60_620));
  }
}
