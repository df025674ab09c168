package io.sextant.services.workspace;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The platform's per-user data directory for Sextant: {@code $XDG_DATA_HOME/sextant} (default
 * {@code ~/.local/share/sextant}) on Linux, {@code ~/Library/Application Support/Sextant} on macOS
 * and {@code %APPDATA%\Sextant} on Windows.
 */
public final class AppDirs {

  private final Path dataHome;

  public AppDirs(Path dataHome) {
    this.dataHome = Objects.requireNonNull(dataHome, "dataHome").toAbsolutePath().normalize();
  }

  /** Directories for this process's platform and environment. */
  public static AppDirs forCurrentUser() {
    return new AppDirs(resolve(System.getProperty("os.name", ""), System.getenv(),
        Path.of(System.getProperty("user.home"))));
  }

  static Path resolve(String osName, Map<String, String> env, Path home) {
    String os = osName.toLowerCase();
    String override = env.get("SEXTANT_HOME");
    if (override != null && !override.isBlank()) {
      return Path.of(override);
    }
    if (os.startsWith("windows")) {
      String appData = env.get("APPDATA");
      return appData != null ? Path.of(appData, "Sextant") : home.resolve("AppData/Roaming/Sextant");
    }
    if (os.startsWith("mac")) {
      return home.resolve("Library/Application Support/Sextant");
    }
    String xdg = env.get("XDG_DATA_HOME");
    return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local/share")).resolve("sextant");
  }

  public Path dataHome() {
    return dataHome;
  }

  /** Imported and materialised models, shared by all workspaces. */
  public Path modelsDir() {
    return dataHome.resolve("models");
  }

  /** The workspace used when none is named. */
  public Path defaultWorkspace() {
    return dataHome.resolve("workspaces").resolve("default");
  }
}
