package io.sextant.services.explore;

import java.util.concurrent.CancellationException;
import java.util.function.IntConsumer;

/**
 * Runs {@code threads} workers over one phase of an algorithm and waits for them. The phases are
 * short (one NN-descent round, one SGD epoch) and the caller already runs on a task lane, so plain
 * threads per phase are simpler than a pool and leave no threads behind.
 */
final class Parallel {

  private Parallel() {}

  static void run(int threads, IntConsumer worker) {
    if (threads == 1) {
      worker.accept(0);
      return;
    }
    Thread[] ts = new Thread[threads];
    Throwable[] failure = new Throwable[1];
    for (int t = 0; t < threads; t++) {
      int id = t;
      ts[t] = Thread.ofPlatform().daemon().name("explore-" + t).start(() -> {
        try {
          worker.accept(id);
        } catch (Throwable e) {
          synchronized (failure) {
            failure[0] = failure[0] == null ? e : failure[0];
          }
        }
      });
    }
    for (Thread t : ts) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CancellationException("interrupted");
      }
    }
    if (failure[0] instanceof RuntimeException r) {
      throw r;
    }
    if (failure[0] instanceof Error e) {
      throw e;
    }
  }
}
