package io.sextant.views.common;

import java.util.Objects;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;

/**
 * Gives a control its tooltip when the pointer first moves over it, made from the text its FXML
 * sets as {@code accessibleHelp} (what a screen reader reads as help; JavaFX would otherwise take
 * it from the tooltip). A {@link Tooltip} is a popup window with a scene of its own: built up
 * front, the tooltips of the window's first panes took about a tenth of the FX thread's start-up
 * (docs/BENCHMARKS.md, coldstart), for text nobody sees before hovering.
 */
public final class LazyTooltips {

  private LazyTooltips() {}

  /** Watches the pointer over {@code root} and everything under it. Call on the FX thread. */
  public static void install(Node root) {
    Objects.requireNonNull(root, "root");
    root.addEventFilter(MouseEvent.MOUSE_MOVED, e -> {
      if (e.getTarget() instanceof Node target) {
        giveTooltip(target);
      }
    });
  }

  /**
   * Gives the nearest control at or above {@code node} that has help text and no tooltip yet its
   * tooltip. Controls inside it without help of their own (a combo box's cell, a spinner's editor)
   * show the outer one's, as a tooltip set on the outer control would.
   */
  static void giveTooltip(Node node) {
    for (Node n = node; n != null; n = n.getParent()) {
      if (n instanceof Control c && c.getTooltip() == null) {
        String help = c.getAccessibleHelp();
        if (help != null && !help.isBlank()) {
          c.setTooltip(new Tooltip(help));
          return;
        }
      }
    }
  }
}
