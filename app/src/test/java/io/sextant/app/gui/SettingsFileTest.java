package io.sextant.app.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsFileTest {

  @TempDir Path dir;

  @Test
  void settingsSurviveARestart() throws Exception {
    Path f = dir.resolve("sub/settings.properties");
    SettingsFile s = new SettingsFile(f, Runnable::run);
    s.put("theme", "DARK");
    s.put("window.width", "1234.0");
    SettingsFile again = new SettingsFile(f, Runnable::run);
    assertEquals("DARK", again.get("theme", "LIGHT"));
    assertEquals(1234.0, again.getDouble("window.width", 0));
  }

  @Test
  void anUnreadableFileMeansDefaultsNotAFailure() throws Exception {
    Path f = dir.resolve("settings.properties");
    Files.write(f, new byte[] {'a', '=', '\\', 'u', 'z', 'z'}); // a malformed \\u escape
    SettingsFile s = new SettingsFile(f, Runnable::run);
    assertEquals("LIGHT", s.get("theme", "LIGHT"));
    s.put("theme", "DARK"); // and it can be written again
    assertEquals("DARK", new SettingsFile(f, Runnable::run).get("theme", "LIGHT"));
  }
}
