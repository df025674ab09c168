package io.sextant.app;

import io.sextant.app.cli.SextantCommand;
import io.sextant.services.workspace.AppDirs;
import picocli.CommandLine;

/** Entry point: no arguments opens the workbench, anything else is the CLI. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    if (args.length == 0) {
      GuiLauncher.launch(AppDirs.forCurrentUser());
      return;
    }
    int code;
    try (Wiring wiring = new Wiring(AppDirs.forCurrentUser())) {
      code = SextantCommand.commandLine(wiring).execute(args);
    }
    System.exit(code);
  }
}
