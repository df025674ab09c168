package io.sextant.services.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench coldstart}: from running {@code ./sextant} to (a) the window on screen, (b) the
 * window usable (workspace open: its name in the title), and, as a separate process, (c) the
 * first search result from the command line ({@code sextant search}: JVM start, index open,
 * model load, embed, search). In the same run, rotating with them, a bare JavaFX window (one
 * Label, same JVM and JavaFX jars) is timed as the floor no JavaFX app can beat, and so is the
 * same window mapping an AOT cache of its own (as the launcher gives ours). The method of
 * {@code scripts/startup-time.sh} runs this suite under its own virtual display.
 *
 * <p>Needs an X display ({@code DISPLAY}, e.g. under {@code xvfb-run -a}) and {@code xdotool},
 * which finds the windows by title. The sample workspace is indexed once, before timing.
 */
public final class ColdStartSuite implements BenchSuite {

  private static final String BARE = """
      public class Bare {
        public static void main(String[] a) {
          javafx.application.Platform.startup(() -> {
            javafx.stage.Stage s = new javafx.stage.Stage();
            s.setTitle("Bare JavaFX");
            s.setScene(new javafx.scene.Scene(new javafx.scene.control.Label("hello"), 1360, 820));
            s.show();
          });
        }
      }
      """;
  private static final long TIMEOUT_MS = 60_000;

  private final Path root;

  /** @param root the project folder holding the {@code sextant} launcher and {@code app/target/lib} */
  public ColdStartSuite(Path root) {
    this.root = Objects.requireNonNull(root, "root");
  }

  @Override
  public String name() {
    return "coldstart";
  }

  @Override
  public String description() {
    return "launch to window, to usable window and to first search result vs a bare JavaFX window";
  }

  @Override
  public List<BenchRow> run(BenchContext ctx) throws Exception {
    String display = System.getenv("DISPLAY");
    if (display == null || display.isBlank()) {
      throw new MissingPeerException("coldstart needs an X display: run it as `xvfb-run -a ./sextant bench coldstart`"
          + " or set DISPLAY");
    }
    if (exit(List.of("xdotool", "--version")) != 0) {
      throw new MissingPeerException("coldstart needs xdotool to find the windows (apt-get install xdotool)");
    }
    Path launcher = root.resolve("sextant");
    if (!Files.isExecutable(launcher)) {
      throw new MissingPeerException("no launcher at " + launcher);
    }
    Path work = ctx.cache().resolve("coldstart");
    Path home = work.resolve("home");
    Path workspace = home.resolve("workspaces").resolve("sample");
    if (!Files.exists(workspace.resolve("bench-indexed"))) {
      ctx.say("coldstart: indexing the sample workspace once (not timed)...");
      int rc = exit(List.of(launcher.toString(), "index", root.resolve("sample-corpora/documents").toString(),
          "--workspace", workspace.toString()), Map.of("SEXTANT_HOME", home.toString()));
      if (rc != 0) {
        throw new IllegalStateException("indexing the sample workspace failed (exit " + rc + ")");
      }
      Files.writeString(workspace.resolve("bench-indexed"), "ok\n");
    }
    Path bareDir = work.resolve("bare");
    if (!Files.exists(bareDir.resolve("Bare.class"))) {
      Files.createDirectories(bareDir);
      Files.writeString(bareDir.resolve("Bare.java"), BARE);
      String javac = Path.of(System.getProperty("java.home"), "bin", "javac").toString();
      if (exit(List.of(javac, "-d", bareDir.toString(), "-cp", root.resolve("app/target/lib/*").toString(),
          bareDir.resolve("Bare.java").toString())) != 0) {
        throw new IllegalStateException("could not compile the bare JavaFX window");
      }
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> bareCmd = List.of(java, "-cp", bareDir + ":" + root.resolve("app/target/lib") + "/*", "Bare");
    // The fairer floor for a launcher that maps an AOT cache: the bare window with a cache of its
    // own. The JVM records one only from jars (no class folders), so Bare goes into a jar.
    Path bareJar = bareDir.resolve("bare.jar");
    Path bareAot = bareDir.resolve("bare.aot");
    if (!Files.exists(bareJar)) {
      try (var jar = new java.util.jar.JarOutputStream(Files.newOutputStream(bareJar))) {
        jar.putNextEntry(new java.util.jar.JarEntry("Bare.class"));
        jar.write(Files.readAllBytes(bareDir.resolve("Bare.class")));
        jar.closeEntry();
      }
    }
    String bareJarCp = bareJar + ":" + root.resolve("app/target/lib") + "/*";
    List<String> bareAotCmd = List.of(java, "-XX:AOTCache=" + bareAot, "-Xlog:aot=off", "-Xlog:cds=off",
        "-cp", bareJarCp, "Bare");
    List<String> guiCmd = List.of(launcher.toString());
    List<String> searchCmd = List.of(launcher.toString(), "search", "how do tides work", "--mode", "hybrid",
        "--workspace", workspace.toString());
    Map<String, String> env = Map.of("SEXTANT_HOME", home.toString());

    int reps = ctx.repetitions();
    double[] shown = new double[reps];
    double[] usable = new double[reps];
    double[] usableCpu = new double[reps];
    double[] bare = new double[reps];
    double[] bareCpu = new double[reps];
    double[] search = new double[reps];
    double[] bareAotShown = new double[reps];
    double[] bareAotCpu = new double[reps];
    // One untimed round first: the launcher refreshes its CDS archives and the page cache warms.
    window(guiCmd, env, "^Sextant — ", null);
    window(bareCmd, Map.of(), "^Bare JavaFX", null);
    // records the bare window's AOT cache (written as it exits), again after a rebuild of the jars
    Files.deleteIfExists(bareAot);
    window(List.of(java, "-XX:AOTCacheOutput=" + bareAot, "-Xlog:aot=off", "-Xlog:cds=off", "-cp", bareJarCp, "Bare"),
        Map.of(), "^Bare JavaFX", null);
    exit(searchCmd, env);
    for (int i = 0; i < reps; i++) {
      int r = i;
      List<Runnable> order = new ArrayList<>(List.of(
          () -> {
            double[] t = window(guiCmd, env, "^Sextant", "^Sextant — sample");
            shown[r] = t[0];
            usable[r] = t[1];
            usableCpu[r] = t[2];
          },
          () -> {
            double[] t = window(bareCmd, Map.of(), "^Bare JavaFX", null);
            bare[r] = t[0];
            bareCpu[r] = t[2];
          },
          () -> {
            double[] t = window(bareAotCmd, Map.of(), "^Bare JavaFX", null);
            bareAotShown[r] = t[0];
            bareAotCpu[r] = t[2];
          },
          () -> {
            long t0 = System.nanoTime();
            int rc = exit(searchCmd, env);
            if (rc != 0) {
              throw new IllegalStateException("sextant search failed (exit " + rc + ")");
            }
            search[r] = (System.nanoTime() - t0) / 1e6;
          }));
      for (int j = 0; j < order.size(); j++) {
        order.get((i + j) % order.size()).run();
      }
      ctx.say("coldstart round %d: window %.0f ms, usable %.0f ms (%.0f CPU-ms), bare %.0f ms (%.0f CPU-ms),"
          + " bare with its AOT cache %.0f ms (%.0f CPU-ms), first search %.0f ms", i + 1, shown[r], usable[r],
          usableCpu[r], bare[r], bareCpu[r], bareAotShown[r], bareAotCpu[r], search[r]);
    }
    double bareMed = Stats.median(bare);
    String bareName = "bare JavaFX window (one Label, same JVM and JavaFX jars)";
    return List.of(
        BenchRow.absolute("coldstart_usable_window_ms", "ms", Stats.median(usable), bareMed, bareName,
                BenchRow.Goal.VALUE_AT_MOST, 2000)
            .with("min_ms", min(usable)).with("max_ms", max(usable)).with("runs", reps),
        // CPU time is steadier than wall time on a shared machine: the kernel's autogroup gives each
        // session a share, so a process's wall time follows how much CPU it needs, times the load
        BenchRow.absolute("coldstart_usable_window_cpu_ms", "ms", Stats.median(usableCpu), Stats.median(bareCpu),
                "bare JavaFX window, CPU time to shown", BenchRow.Goal.NONE, 0)
            .with("what", "CPU time (all threads) the JVM used from launch to the usable window")
            .with("min_ms", min(usableCpu)).with("max_ms", max(usableCpu)),
        // the same usable window against the bare window with an AOT cache of its own, as ours has
        BenchRow.absolute("coldstart_usable_window_vs_bare_aot_ms", "ms", Stats.median(usable),
                Stats.median(bareAotShown), "bare JavaFX window with an AOT cache of its own", BenchRow.Goal.NONE, 0)
            .with("bare_aot_cpu_ms", Stats.median(bareAotCpu))
            .with("min_ms", min(bareAotShown)).with("max_ms", max(bareAotShown)),
        BenchRow.absolute("coldstart_window_shown_ms", "ms", Stats.median(shown), bareMed, bareName,
                BenchRow.Goal.NONE, 0)
            .with("min_ms", min(shown)).with("max_ms", max(shown)),
        BenchRow.absolute("coldstart_first_search_ms", "ms", Stats.median(search), bareMed, bareName,
                BenchRow.Goal.NONE, 0)
            .with("what", "sextant search --mode hybrid: JVM start, index open, model load, embed, search, exit")
            .with("min_ms", min(search)).with("max_ms", max(search)));
  }

  /**
   * Starts {@code cmd} and waits for visible windows titled {@code first} (then {@code second});
   * returns the milliseconds from start to each and the CPU milliseconds the process had used by
   * the last (NaN where the platform does not say), then ends the process. The launcher script
   * execs the JVM, so the process started is the JVM.
   */
  private static double[] window(List<String> cmd, Map<String, String> env, String first, String second) {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().putAll(env);
    long t0 = System.nanoTime();
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    try {
      double a = waitTitle(first, t0, p);
      double b = second == null ? a : waitTitle(second, t0, p);
      double cpu = p.toHandle().info().totalCpuDuration().map(d -> d.toNanos() / 1e6).orElse(Double.NaN);
      return new double[] {a, b, cpu};
    } finally {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
      try {
        // Generous: on a normal exit the launcher's JVM writes its CDS archive, which later
        // launches map; killing it mid-write would leave every launch without one.
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static double waitTitle(String regex, long t0, Process p) {
    while ((System.nanoTime() - t0) / 1_000_000 < TIMEOUT_MS) {
      if (exit(List.of("xdotool", "search", "--onlyvisible", "--name", regex)) == 0) {
        return (System.nanoTime() - t0) / 1e6;
      }
      if (!p.isAlive()) {
        throw new IllegalStateException("the process exited (" + p.exitValue() + ") before a window '" + regex
            + "' appeared");
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("no window '" + regex + "' within " + TIMEOUT_MS / 1000 + " s");
  }

  private static int exit(List<String> cmd) {
    return exit(cmd, Map.of());
  }

  private static int exit(List<String> cmd, Map<String, String> env) {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().putAll(env);
    try {
      return pb.start().waitFor();
    } catch (IOException e) {
      return 127;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 130;
    }
  }

  private static double min(double[] v) {
    return java.util.Arrays.stream(v).min().orElse(Double.NaN);
  }

  private static double max(double[] v) {
    return java.util.Arrays.stream(v).max().orElse(Double.NaN);
  }
}
