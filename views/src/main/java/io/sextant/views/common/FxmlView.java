package io.sextant.views.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/**
 * Loads a view the way every screen is laid out: {@code Name.fxml} and {@code Name.css} beside
 * the class {@code Name}, with the view object itself as the controller, and tooltips made on
 * first hover ({@link LazyTooltips}).
 */
public final class FxmlView {

  private FxmlView() {}

  /** The root of {@code type}'s FXML, wired to {@code controller}, with its stylesheet added. */
  public static <T extends Parent> T load(Object controller, Class<?> type) {
    String name = type.getSimpleName();
    URL fxml = type.getResource(name + ".fxml");
    if (fxml == null) {
      throw new IllegalStateException(name + ".fxml is missing beside " + type.getName());
    }
    FXMLLoader loader = new FXMLLoader(fxml);
    loader.setController(controller);
    T root;
    try {
      root = loader.load();
    } catch (IOException e) {
      throw new UncheckedIOException("could not load " + name + ".fxml", e);
    }
    LazyTooltips.install(root); // tooltips come from each control's accessibleHelp on first hover
    URL css = type.getResource(name + ".css");
    if (css != null) {
      root.getStylesheets().add(css.toExternalForm());
    }
    return root;
  }
}
