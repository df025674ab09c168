package io.sextant.app;

import io.sextant.app.cli.SextantCommand;
import io.sextant.app.gui.FxStartup;
import io.sextant.app.gui.GuiLauncher;
import io.sextant.services.index.VectorizationCheck;
import io.sextant.services.natives.NativeLibraryCache;
import io.sextant.services.workspace.AppDirs;
import java.util.List;
import picocli.CommandLine;

/** Entry point: no arguments opens the workbench, anything else is the CLI. */
public final class Main {

  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length == 0) {
      // The workbench on the last (or the sample) workspace, as `sextant gui`. Straight to the
      // window: the CLI parser and the vector check (which loads Lucene) would only delay it; the
      // window runs the check in the background and shows its warning in the status bar.
      // The toolkit starts on its own thread first: it takes longest, and needs nothing else.
      FxStartup toolkit = FxStartup.begin();
      AppDirs dirs = AppDirs.forCurrentUser();
      natives(dirs);
      int code;
      try (Wiring wiring = new Wiring(dirs)) {
        code = new GuiLauncher(wiring).run(new GuiLauncher.Options(null, List.of()), toolkit);
      }
      System.exit(code);
    }
    // before anything touches Lucene: its vector code is chosen once, at first use
    VectorizationCheck.Result vectors = VectorizationCheck.run();
    if (!vectors.active()) {
      System.err.println("sextant: warning: Lucene's vector acceleration is off (" + vectors.detail()
          + "); kNN search and index builds run about 3x slower");
    }
    AppDirs dirs = AppDirs.forCurrentUser();
    natives(dirs);
    int code;
    try (Wiring wiring = new Wiring(dirs)) {
      code = SextantCommand.commandLine(wiring).execute(args);
    }
    System.exit(code);
  }

  /**
   * SQLite's and ONNX Runtime's native libraries from a folder of their own, extracted once,
   * instead of into the temp folder at every start (NativeLibraryCache says what that cost).
   */
  private static void natives(AppDirs dirs) {
    new NativeLibraryCache(dirs.dataHome().resolve("native")).install();
  }
}
