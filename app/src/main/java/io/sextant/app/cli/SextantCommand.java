package io.sextant.app.cli;

import io.sextant.app.SampleCorpus;
import io.sextant.app.SanityCheck;
import io.sextant.app.Wiring;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command; subcommands do the work. */
@Command(name = "sextant", mixinStandardHelpOptions = true, version = "Sextant 0.1.0",
    description = "Local semantic search workbench: index folders with local models, search them "
        + "by keyword, meaning or both, and measure retrieval quality.",
    subcommands = {IndexCommand.class, SearchCommand.class, EvalCommand.class, ModelsCommand.class,
        BenchCommand.class, GuiCommand.class, JudgmentsCommand.class, RepairCommand.class})
public final class SextantCommand implements Callable<Integer> {

  private final Wiring wiring;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(names = "--sanity-check",
      description = "Index the bundled sample corpus into a temporary workspace with a built-in model, "
          + "run one search, print one line and exit 0 (1 with the reason on failure).")
  boolean sanityCheck;

  SextantCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public Integer call() {
    if (sanityCheck) {
      return new SanityCheck(wiring).run(SampleCorpus.locate(), spec.commandLine().getOut(),
          spec.commandLine().getErr());
    }
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  /**
   * A command line whose subcommands get {@code wiring} through their constructors, and whose
   * expected failures (bad input, missing files) print one clear line instead of a stack trace.
   */
  public static CommandLine commandLine(Wiring wiring) {
    CommandLine.IFactory factory = new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        try {
          return cls.getDeclaredConstructor(Wiring.class).newInstance(wiring);
        } catch (NoSuchMethodException e) {
          return CommandLine.defaultFactory().create(cls);
        }
      }
    };
    CommandLine cl = new CommandLine(new SextantCommand(wiring), factory);
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      String msg = ex.getMessage() == null ? ex.toString() : ex.getMessage();
      if (isDiskFull(ex)) {
        cmd.getErr().println("sextant: the disk is full (" + msg + "); the run stopped. What was "
            + "committed before is kept: free some space and run the same command again.");
        return 2;
      }
      if (ex instanceof IOException || ex instanceof IllegalArgumentException
          || ex instanceof IllegalStateException || ex instanceof CancellationException
          || ex.getClass().getName().startsWith("io.sextant.")) {
        cmd.getErr().println("sextant: " + msg);
      } else {
        cmd.getErr().println("sextant: unexpected error: " + ex);
        ex.printStackTrace(cmd.getErr());
      }
      return 2;
    });
    return cl;
  }

  /** Whether {@code ex} (or a cause) is the file system or SQLite saying there is no space left. */
  static boolean isDiskFull(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String m = t.getMessage();
      if (m != null && (m.contains("No space left on device") || m.contains("SQLITE_FULL")
          || m.contains("database or disk is full"))) {
        return true;
      }
    }
    return false;
  }
}
