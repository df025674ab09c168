package io.sextant.views.common;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Parent;

/**
 * Light and dark appearance. AtlantaFX's Primer themes style every control; our own CSS uses only
 * their named colours ({@code -color-fg-muted}, {@code -color-accent-fg}, ...), so one stylesheet
 * per view serves both.
 */
public enum Theme {
  LIGHT,
  DARK;

  /** Makes this the look of every window. Call on the FX thread. */
  public void apply(Parent root) {
    Application.setUserAgentStylesheet(this == DARK
        ? new PrimerDark().getUserAgentStylesheet()
        : new PrimerLight().getUserAgentStylesheet());
    root.getStyleClass().removeAll("theme-light", "theme-dark");
    root.getStyleClass().add(this == DARK ? "theme-dark" : "theme-light");
  }

  public Theme other() {
    return this == DARK ? LIGHT : DARK;
  }

  /** The stored name, tolerating junk (a hand-edited settings file must not stop the window). */
  public static Theme parse(String s) {
    return "DARK".equalsIgnoreCase(s) ? DARK : LIGHT;
  }
}
