package io.sextant.app.gui;

import io.sextant.views.common.UiState;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The window's settings in a properties file in the data folder. Writes go to the executor given
 * (the task runner's I/O lane), never the FX thread; {@link #flush} writes synchronously at exit.
 * A missing or unreadable file means defaults, never a window that fails to open.
 */
public final class SettingsFile implements UiState {

  private static final Logger LOG = Logger.getLogger(SettingsFile.class.getName());

  private final Path file;
  private final Executor writer;
  private final Properties values = new Properties();

  public SettingsFile(Path file, Executor writer) {
    this.file = Objects.requireNonNull(file, "file");
    this.writer = Objects.requireNonNull(writer, "writer");
    if (Files.isRegularFile(file)) {
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        values.load(r);
      } catch (IOException | IllegalArgumentException e) {
        LOG.log(Level.WARNING, "ignoring unreadable settings file " + file + ": " + e.getMessage());
        values.clear();
      }
    }
  }

  @Override
  public synchronized String get(String key, String fallback) {
    return values.getProperty(key, fallback);
  }

  @Override
  public synchronized void put(String key, String value) {
    if (Objects.equals(values.getProperty(key), value)) {
      return;
    }
    values.setProperty(key, value);
    writer.execute(this::flushQuietly);
  }

  /** Writes the settings now (atomically: a crash mid-write leaves the old file). */
  public synchronized void flush() throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      values.store(w, "Sextant window settings");
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "could not save settings to " + file + ": " + e.getMessage());
    }
  }
}
