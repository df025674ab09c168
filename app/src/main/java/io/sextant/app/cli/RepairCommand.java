package io.sextant.app.cli;

import io.sextant.app.Wiring;
import io.sextant.services.engine.Engine;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sextant repair}: rebuild a damaged search index from the workspace's catalog. */
@Command(name = "repair", mixinStandardHelpOptions = true,
    description = "Rebuild the search index from the catalog and its embedding cache (after a "
        + "'damaged index' error). No file is re-read and normally no model runs.")
final class RepairCommand implements Callable<Integer> {

  private final Wiring wiring;

  @Spec CommandSpec spec;
  @Mixin WorkspaceOption ws;

  RepairCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public Integer call() throws Exception {
    long t0 = System.nanoTime();
    try (Engine engine = wiring.repairEngine(ws.workspace)) {
      PrintWriter out = spec.commandLine().getOut();
      out.printf("repaired workspace %s: %d chunks of %d files re-indexed from the catalog in %.1f s%n",
          engine.workspace(), engine.index().numChunks(), engine.catalog().chunkCountsByPath().size(),
          (System.nanoTime() - t0) / 1e9);
      out.flush();
      return 0;
    }
  }
}
