package io.sextant.services.task;

import java.util.concurrent.CancellationException;

/** A flag long-running work polls between units of work (files, batches). */
public final class Cancellation {

  private volatile boolean cancelled;

  public void cancel() {
    cancelled = true;
  }

  public boolean isCancelled() {
    return cancelled;
  }

  /** Throws {@link CancellationException} once cancelled. */
  public void check() {
    if (cancelled) {
      throw new CancellationException("cancelled by the user");
    }
  }
}
