package io.sextant.app.gui;

import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;

/**
 * Starts the JavaFX toolkit on a thread of its own, so that the launcher can build the services,
 * read the settings and begin opening the workspace while GTK, the renderer and the FX thread
 * come up. {@link Platform#startup} blocks its caller for that whole time (seconds on a loaded
 * machine), and nothing before it needs the toolkit.
 */
public final class FxStartup {

  private final CountDownLatch up = new CountDownLatch(1);
  private volatile RuntimeException failure;

  private FxStartup() {}

  /** Begins starting the toolkit and returns at once. Call at most once per JVM. */
  public static FxStartup begin() {
    FxStartup s = new FxStartup();
    Thread t = new Thread(() -> {
      try {
        Platform.startup(s.up::countDown);
      } catch (RuntimeException e) { // no display, no GTK: reported by await, on the caller's thread
        s.failure = e;
        s.up.countDown();
      }
    }, "fx-startup");
    t.setDaemon(true);
    t.start();
    return s;
  }

  /** Waits until the FX thread runs; throws what stopped the toolkit from starting. */
  public void await() throws InterruptedException {
    up.await();
    if (failure != null) {
      throw failure;
    }
  }
}
