package io.sextant.app.cli;

import io.sextant.app.TestWiring;
import io.sextant.app.Wiring;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Runs CLI commands in this JVM on one real {@link Wiring} (real models, workspaces on disk), for
 * tests that check output and exit codes but need no separate process (see {@link CliProcess} for
 * those that kill or isolate the CLI). In-process, a command costs milliseconds instead of a JVM
 * start and a model load.
 */
final class InProcessCli implements AutoCloseable {

  record Result(int code, String out, String err) {}

  private final Wiring wiring;

  InProcessCli() {
    this.wiring = TestWiring.create();
  }

  /** Runs {@code sextant args...} to the end and collects its exit code, stdout and stderr. */
  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cl = SextantCommand.commandLine(wiring);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  @Override
  public void close() {
    wiring.close();
  }
}
