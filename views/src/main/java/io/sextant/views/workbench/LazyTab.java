package io.sextant.views.workbench;

import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.layout.StackPane;

/**
 * A centre tab whose view is built when first needed (the tab is selected, another part of the
 * window asks for the view, or the window builds it in idle time once usable) rather than before
 * the window shows. Explore, Compare
 * and Evaluate load their FXML, create tables, spinners and a plot, and, once in the scene, get
 * their CSS applied even while hidden behind the Search tab: on this 2-core machine under load
 * that was over half of the time from launch to a usable window, spent on tabs most sessions
 * never open.
 *
 * @param <V> the view type
 */
final class LazyTab<V> {

  private final Tab tab;
  private final Supplier<V> factory;
  private final Function<V, Node> root;
  private final Consumer<V> onBuilt;
  private V view;

  /**
   * @param name the tab's text; its id is {@code tab-name} in lower case
   * @param factory builds the view (on the FX thread)
   * @param root the view's root node, the tab's content once built
   * @param onBuilt connects the fresh view to the rest of the window (runs once, right after it
   *     is built and placed in the tab)
   */
  LazyTab(String name, Supplier<V> factory, Function<V, Node> root, Consumer<V> onBuilt) {
    this.factory = Objects.requireNonNull(factory, "factory");
    this.root = Objects.requireNonNull(root, "root");
    this.onBuilt = Objects.requireNonNull(onBuilt, "onBuilt");
    // an empty pane until the view exists; selecting the tab replaces it before the next frame
    this.tab = new Tab(Objects.requireNonNull(name, "name"), new StackPane());
    tab.setId("tab-" + name.toLowerCase(Locale.ROOT));
    tab.selectedProperty().addListener((o, was, now) -> {
      if (now) {
        get();
      }
    });
  }

  Tab tab() {
    return tab;
  }

  /** Whether the view has been built: what it would show before is nothing worth updating. */
  boolean built() {
    return view != null;
  }

  /**
   * The view, built now if needed. On the FX thread it is built in place; from another thread
   * (a test looking at the tab) the build runs on the FX thread and this waits for it.
   */
  V get() {
    if (Platform.isFxApplicationThread()) {
      if (view == null) {
        V v = factory.get();
        view = v;
        tab.setContent(root.apply(v));
        onBuilt.accept(v);
      }
      return view;
    }
    CompletableFuture<V> built = new CompletableFuture<>();
    Platform.runLater(() -> {
      try {
        built.complete(get());
      } catch (RuntimeException | Error e) {
        built.completeExceptionally(e);
      }
    });
    try {
      return built.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while building the " + tab.getText() + " tab", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("could not build the " + tab.getText() + " tab", e.getCause());
    }
  }
}
