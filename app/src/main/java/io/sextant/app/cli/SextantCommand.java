package io.sextant.app.cli;

import io.sextant.app.Wiring;
import java.io.IOException;
import java.util.concurrent.CancellationException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command; subcommands do the work. */
@Command(name = "sextant", mixinStandardHelpOptions = true, version = "Sextant 0.1.0",
    description = "Local semantic search workbench: index folders with local models, search them "
        + "by keyword, meaning or both, and measure retrieval quality.",
    subcommands = {IndexCommand.class, SearchCommand.class, EvalCommand.class, ModelsCommand.class,
        BenchCommand.class})
public final class SextantCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
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
    CommandLine cl = new CommandLine(new SextantCommand(), factory);
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      String msg = ex.getMessage() == null ? ex.toString() : ex.getMessage();
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
}
