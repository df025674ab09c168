package io.sextant.app.gui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Opens files with the system's default application and shows them in the file manager, with the
 * tools each desktop provides. JavaFX's HostServices needs an Application instance and cannot
 * select a file in its folder, and java.awt.Desktop would load AWT: commands are simpler.
 */
public final class DesktopFiles implements FileActions {

  /** The desktop families with different commands. */
  public enum Os {
    LINUX, MAC, WINDOWS;

    public static Os current() {
      String n = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
      return n.startsWith("windows") ? WINDOWS : n.startsWith("mac") ? MAC : LINUX;
    }
  }

  /** How long a launcher command may take to hand over to the application it starts. */
  private static final long WAIT_SECONDS = 10;

  private final Os os;

  public DesktopFiles(Os os) {
    this.os = Objects.requireNonNull(os, "os");
  }

  /** Opens {@code file} with its default application. */
  @Override
  public void open(Path file) throws IOException {
    runFirstThatWorks(openCommands(os, existing(file)));
  }

  /** Shows {@code file} selected in the file manager (or its folder, where selecting is not possible). */
  @Override
  public void reveal(Path file) throws IOException {
    runFirstThatWorks(revealCommands(os, existing(file)));
  }

  /** Candidate commands to open a file, best first. */
  static List<List<String>> openCommands(Os os, Path file) {
    String p = file.toString();
    return switch (os) {
      case MAC -> List.of(List.of("open", p));
      case WINDOWS -> List.of(List.of("rundll32", "url.dll,FileProtocolHandler", p));
      case LINUX -> List.of(List.of("xdg-open", p), List.of("gio", "open", p));
    };
  }

  /** Candidate commands to show a file in its folder, best first. */
  static List<List<String>> revealCommands(Os os, Path file) {
    String p = file.toString();
    Path parent = file.getParent();
    String folder = parent == null ? p : parent.toString();
    return switch (os) {
      case MAC -> List.of(List.of("open", "-R", p));
      case WINDOWS -> List.of(List.of("explorer.exe", "/select," + p));
      // The freedesktop FileManager1 interface selects the file in Nautilus, Dolphin, Nemo,
      // Thunar...; without a file manager on the bus, opening the folder is the next best thing.
      case LINUX -> List.of(
          List.of("dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.FileManager1",
              "/org/freedesktop/FileManager1", "org.freedesktop.FileManager1.ShowItems",
              "array:string:" + file.toUri(), "string:"),
          List.of("xdg-open", folder));
    };
  }

  private static Path existing(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    if (!Files.exists(file)) {
      throw new IOException(file + " no longer exists (moved or deleted since it was indexed)");
    }
    return file.toAbsolutePath();
  }

  private static void runFirstThatWorks(List<List<String>> commands) throws IOException {
    List<String> problems = new ArrayList<>();
    for (List<String> cmd : commands) {
      try {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File(nullDevice()))).start();
        if (!p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
          return; // still running: it has handed over to a long-lived application
        }
        if (p.exitValue() == 0) {
          return;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        problems.add(cmd.get(0) + " exited with " + p.exitValue() + (out.isEmpty() ? "" : ": " + firstLine(out)));
      } catch (IOException e) {
        problems.add(cmd.get(0) + " is not available (" + e.getMessage() + ")");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
    throw new IOException(String.join("; ", problems));
  }

  private static String nullDevice() {
    return Os.current() == Os.WINDOWS ? "NUL" : "/dev/null";
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
