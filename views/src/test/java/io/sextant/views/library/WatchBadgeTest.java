package io.sextant.views.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sextant.services.watch.WatchStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WatchBadgeTest {

  final Path docs = Path.of("/home/a/docs").toAbsolutePath();
  final Path usb = Path.of("/media/usb").toAbsolutePath();

  WatchStatus status(boolean paused, String error) {
    return new WatchStatus(paused, Map.of(docs, WatchStatus.Mode.NOTIFY, usb, WatchStatus.Mode.MISSING),
        Instant.EPOCH, error, 3);
  }

  @Test
  void eachWatchModeHasItsOwnBadge() {
    assertEquals("watch-watched", WatchBadge.of(status(false, null), docs).orElseThrow().styleClass());
    assertEquals("watch-missing", WatchBadge.of(status(false, null), usb).orElseThrow().styleClass());
    assertEquals("watch-rescan", WatchBadge.of(new WatchStatus(false,
        Map.of(docs, WatchStatus.Mode.RESCAN), null, null, 0), docs).orElseThrow().styleClass());
  }

  @Test
  void pausedWinsOverTheModeAndTheLastErrorIsTold() {
    WatchBadge b = WatchBadge.of(status(true, "disk full"), docs).orElseThrow();
    assertEquals("watch-paused", b.styleClass());
    assertTrue(b.tooltip().contains("Last update failed: disk full"), b.tooltip());
  }

  @Test
  void aSourceTheWatcherHasNotTakenUpYetOrNoWatcherShowsNoBadge() {
    assertTrue(WatchBadge.of(status(false, null), Path.of("/elsewhere")).isEmpty());
    assertTrue(WatchBadge.of(null, docs).isEmpty());
  }

  @Test
  void rootsAreComparedNormalised() {
    assertEquals("watch-watched",
        WatchBadge.of(status(false, null), Path.of("/home/a/./docs/../docs")).orElseThrow().styleClass());
  }
}
