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

  /**
   * Makes this the stylesheet of every control. Called before the first control is created, it
   * also keeps JavaFX from loading its own Modena theme first (a control's class sets Modena when
   * no stylesheet is set yet), only for it to be replaced by this one.
   */
  public void install() {
    Application.setUserAgentStylesheet(this == DARK
        ? new PrimerDark().getUserAgentStylesheet()
        : new PrimerLight().getUserAgentStylesheet());
  }

  /** Makes this the look of every window and marks {@code root} for it. Call on the FX thread. */
  public void apply(Parent root) {
    install();
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
