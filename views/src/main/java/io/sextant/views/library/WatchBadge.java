package io.sextant.views.library;

import io.sextant.services.watch.WatchStatus;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How a source's watch state shows in the Library: an icon, a style and a sentence.
 *
 * @param icon Ikonli icon literal
 * @param styleClass {@code watch-watched}, {@code watch-rescan}, {@code watch-missing} or
 *     {@code watch-paused}
 * @param tooltip what it means, in words
 */
public record WatchBadge(String icon, String styleClass, String tooltip) {

  /**
   * The badge of {@code root} under {@code status}; empty when nothing is watched or the watcher
   * has not taken the source up yet (it was added a moment ago).
   */
  public static Optional<WatchBadge> of(WatchStatus status, Path root) {
    if (status == null || root == null) {
      return Optional.empty();
    }
    WatchStatus.Mode mode = status.roots().get(root.toAbsolutePath().normalize());
    if (mode == null) {
      return Optional.empty();
    }
    String error = status.lastError() == null ? "" : "\nLast update failed: " + status.lastError();
    if (status.paused()) {
      return Optional.of(new WatchBadge("mdmz-pause_circle_outline", "watch-paused",
          "Watching paused: changes are applied when you resume" + error));
    }
    return Optional.of(switch (mode) {
      case NOTIFY -> new WatchBadge("mdmz-visibility", "watch-watched",
          "Watched: changes to its files reach the index within seconds" + error);
      case RESCAN -> new WatchBadge("mdmz-update", "watch-rescan",
          "Checked for changes periodically (this location sends no change notifications)" + error);
      case MISSING -> new WatchBadge("mdmz-visibility_off", "watch-missing",
          "Folder not found (unplugged or deleted?); its files stay in the index and it is looked for again periodically" + error);
    });
  }
}
