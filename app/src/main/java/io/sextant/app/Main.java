package io.sextant.app;

import io.sextant.app.cli.SextantCommand;
import io.sextant.services.index.VectorizationCheck;
import io.sextant.services.workspace.AppDirs;
import picocli.CommandLine;

/** Entry point: no arguments opens the workbench, anything else is the CLI. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    // before anything touches Lucene: its vector code is chosen once, at first use
    VectorizationCheck.Result vectors = VectorizationCheck.run();
    if (!vectors.active()) {
      System.err.println("sextant: warning: Lucene's vector acceleration is off (" + vectors.detail()
          + "); kNN search and index builds run about 3x slower");
    }
    // No arguments is the workbench on the last (or the sample) workspace: `sextant gui`.
    args = args.length == 0 ? new String[] {"gui"} : args;
    int code;
    try (Wiring wiring = new Wiring(AppDirs.forCurrentUser())) {
      code = SextantCommand.commandLine(wiring).execute(args);
    }
    System.exit(code);
  }
}
