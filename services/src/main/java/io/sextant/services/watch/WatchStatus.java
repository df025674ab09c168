package io.sextant.services.watch;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * What the watcher is doing, for status displays.
 *
 * @param paused whether changes are being held back (they are applied on resume)
 * @param roots each watched source root and how it is watched
 * @param lastRefresh when changes were last applied, or null
 * @param lastError the last refresh's failure message, or null
 * @param refreshes how many batches were applied so far
 */
public record WatchStatus(boolean paused, Map<Path, Mode> roots, Instant lastRefresh,
    String lastError, long refreshes) {

  public WatchStatus {
    roots = Map.copyOf(roots);
  }

  /** How one root is watched. */
  public enum Mode {
    /** File-system notifications, plus the periodic rescan. */
    NOTIFY,
    /** The periodic rescan only: notifications could not be set up for this root. */
    RESCAN,
    /** The folder does not exist (unplugged drive, deleted folder); retried at each rescan. */
    MISSING
  }
}
