package io.sextant.app.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real CLI ({@code io.sextant.app.Main}) in a separate JVM with this test JVM's class
 * path, so a test can kill it, run two at once, or run it in another network namespace.
 */
final class CliProcess {

  record Output(int code, String out, String err) {}

  private CliProcess() {}

  /** The command line that starts the CLI with {@code args}, optionally behind {@code prefix}. */
  static List<String> command(List<String> prefix, String... args) {
    return command(prefix, List.of(), args);
  }

  /** The same with {@code jvmOptions} (e.g. {@code -Dname=value}) before the main class. */
  static List<String> command(List<String> prefix, List<String> jvmOptions, String... args) {
    List<String> cmd = new ArrayList<>(prefix);
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.add("--add-modules");
    cmd.add("jdk.incubator.vector");
    cmd.add("--enable-native-access=ALL-UNNAMED");
    // With this (long) test class path, model loading on the default 1 MB main-thread stack
    // segfaults in native code (exit 139, reproducible); 8 MB is what a C program's main gets.
    cmd.add("-Xss8m");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("io.sextant.app.Main");
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** Starts the CLI with the shared test data folder as SEXTANT_HOME (models extracted once). */
  static Process start(List<String> prefix, String... args) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command(prefix, args));
    pb.environment().put("SEXTANT_HOME", Path.of("target", "test-data").toAbsolutePath().toString());
    pb.redirectErrorStream(false);
    return pb.start();
  }

  /** Starts the CLI with stdout and stderr going to {@code log} (for runs that will be killed). */
  static Process startLogged(Path log, String... args) throws IOException {
    return startLogged(log, List.of(), args);
  }

  /** The same with {@code jvmOptions} for the CLI's JVM. */
  static Process startLogged(Path log, List<String> jvmOptions, String... args) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command(List.of(), jvmOptions, args));
    pb.environment().put("SEXTANT_HOME", Path.of("target", "test-data").toAbsolutePath().toString());
    pb.redirectOutput(log.toFile());
    pb.redirectErrorStream(true);
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    return pb.start();
  }

  /** Runs to the end (at most {@code seconds}) and collects exit code and output. */
  static Output run(List<String> prefix, long seconds, String... args) throws IOException, InterruptedException {
    Process p = start(prefix, args);
    p.getOutputStream().close();
    var out = new java.util.concurrent.CompletableFuture<String>();
    var err = new java.util.concurrent.CompletableFuture<String>();
    Thread.ofVirtual().start(() -> out.complete(read(p.getInputStream())));
    Thread.ofVirtual().start(() -> err.complete(read(p.getErrorStream())));
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("CLI did not finish within " + seconds + " s: " + String.join(" ", args));
    }
    return new Output(p.exitValue(), out.join(), err.join());
  }

  static Output run(String... args) throws IOException, InterruptedException {
    return run(List.of(), 300, args);
  }

  private static String read(java.io.InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
