package io.sextant.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --workspace} option shared by commands that open a workspace. */
final class WorkspaceOption {
  @Option(names = "--workspace", paramLabel = "DIR",
      description = "Workspace folder (default: the platform data folder's workspaces/default).")
  Path workspace;
}
