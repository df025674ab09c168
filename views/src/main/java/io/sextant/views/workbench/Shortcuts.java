package io.sextant.views.workbench;

import java.util.List;

/**
 * The window's keyboard shortcuts, in one list so the help text and the key handling cannot
 * drift apart. Key names are JavaFX {@code KeyCombination} strings ("Shortcut" is Ctrl, or Cmd
 * on macOS).
 */
public final class Shortcuts {

  /** One shortcut: its key combination and what it does. */
  public record Shortcut(String keys, String action) {}

  public static final Shortcut FOCUS_SEARCH = new Shortcut("Shortcut+K", "Focus the search box");
  public static final Shortcut FOCUS_SEARCH_ALT = new Shortcut("Shortcut+F", "Focus the search box");
  public static final Shortcut ADD_FOLDER = new Shortcut("Shortcut+O", "Add a folder");
  public static final Shortcut REFRESH = new Shortcut("F5", "Re-check sources for changes");
  public static final Shortcut KEYWORD = new Shortcut("Shortcut+1", "Keyword mode");
  public static final Shortcut SEMANTIC = new Shortcut("Shortcut+2", "Semantic mode");
  public static final Shortcut HYBRID = new Shortcut("Shortcut+3", "Hybrid mode");
  public static final Shortcut FIND_SIMILAR = new Shortcut("Shortcut+Shift+F", "Find passages like the selected one");
  public static final Shortcut THEME = new Shortcut("Shortcut+D", "Switch light / dark theme");
  public static final Shortcut QUIT = new Shortcut("Shortcut+Q", "Close the window");
  public static final Shortcut NEXT_TAB = new Shortcut("Shortcut+Page Down", "Next centre tab (Search, Explore, ...)");
  public static final Shortcut PREVIOUS_TAB = new Shortcut("Shortcut+Page Up", "Previous centre tab");
  public static final Shortcut JUDGE = new Shortcut("0, 1, 2", "Judge the selected file for the query: not / relevant / highly (in a result list)");
  public static final Shortcut OPEN = new Shortcut("Enter", "Open the selected file (in the result list)");
  public static final Shortcut REVEAL = new Shortcut("Shift+Enter", "Show the selected file in its folder (in the result list)");

  public static final List<Shortcut> ALL = List.of(FOCUS_SEARCH, FOCUS_SEARCH_ALT, ADD_FOLDER,
      REFRESH, KEYWORD, SEMANTIC, HYBRID, FIND_SIMILAR, THEME, QUIT, NEXT_TAB, PREVIOUS_TAB, OPEN, REVEAL, JUDGE);

  private Shortcuts() {}

  /** The help text: one "keys — action" line per shortcut. */
  public static String help() {
    StringBuilder sb = new StringBuilder();
    for (Shortcut s : ALL) {
      sb.append(s.keys().replace("Shortcut", "Ctrl")).append("  —  ").append(s.action()).append('\n');
    }
    return sb.toString().strip();
  }
}
