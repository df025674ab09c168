package io.sextant.app.cli;

import io.sextant.app.Wiring;
import io.sextant.app.gui.GuiLauncher;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sextant gui [--workspace DIR] [PATH...]}: the workbench window, optionally indexing paths. */
@Command(name = "gui", mixinStandardHelpOptions = true,
    description = "Open the workbench window (what ./sextant with no arguments does), optionally "
        + "on a given workspace and indexing the given folders and files.")
public final class GuiCommand implements Callable<Integer> {

  private final Wiring wiring;

  @Option(names = {"-w", "--workspace"}, paramLabel = "DIR",
      description = "Workspace folder (default: the last one used; the sample workspace on first run).")
  Path workspace;

  @Parameters(paramLabel = "PATH", arity = "0..*", description = "Folders or files to index once the window is open.")
  List<Path> paths = new ArrayList<>();

  GuiCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public Integer call() throws InterruptedException {
    for (Path p : paths) {
      if (!java.nio.file.Files.exists(p)) {
        throw new IllegalArgumentException("no such file or folder: " + p);
      }
    }
    return new GuiLauncher(wiring).run(new GuiLauncher.Options(workspace, paths));
  }
}
