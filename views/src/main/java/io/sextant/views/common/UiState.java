package io.sextant.views.common;

/**
 * Small string settings that outlive the window (size, dividers, theme, last mode). The app
 * stores them; views read them when they open and write them as they change.
 */
public interface UiState {

  String get(String key, String fallback);

  void put(String key, String value);

  default double getDouble(String key, double fallback) {
    try {
      return Double.parseDouble(get(key, Double.toString(fallback)));
    } catch (NumberFormatException e) {
      return fallback; // a hand-edited or stale value: fall back rather than fail to open
    }
  }

  default boolean getBoolean(String key, boolean fallback) {
    return Boolean.parseBoolean(get(key, Boolean.toString(fallback)));
  }

  /** A state that forgets everything; for tests and for when the settings file is unreadable. */
  static UiState inMemory() {
    java.util.Map<String, String> values = new java.util.concurrent.ConcurrentHashMap<>();
    return new UiState() {
      @Override
      public String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
      }

      @Override
      public void put(String key, String value) {
        values.put(key, value);
      }
    };
  }
}
