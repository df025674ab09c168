package io.sextant.views.common;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import javafx.application.Platform;

/** Hands results of background work back to the FX thread: the only way views consume futures. */
public final class Fx {

  private Fx() {}

  /** Runs {@code ok} or {@code failed} on the FX thread when {@code future} completes. */
  public static <T> void then(CompletableFuture<T> future, Consumer<? super T> ok,
      Consumer<? super Throwable> failed) {
    future.whenComplete((value, error) -> Platform.runLater(() -> {
      if (error != null) {
        failed.accept(cause(error));
      } else {
        ok.accept(value);
      }
    }));
  }

  /** The exception behind the future's wrappers. */
  public static Throwable cause(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** A one-line message for the user: the exception's message, or its type when it has none. */
  public static String message(Throwable t) {
    Throwable c = cause(t);
    String m = c.getMessage();
    return m == null || m.isBlank() ? c.getClass().getSimpleName() : m;
  }
}
