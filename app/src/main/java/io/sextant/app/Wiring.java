package io.sextant.app;

import io.sextant.services.engine.Engine;
import io.sextant.services.engine.EngineConfig;
import io.sextant.services.model.ModelRegistry;
import io.sextant.services.task.TaskRunner;
import io.sextant.services.workspace.AppDirs;
import io.sextant.services.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The one place where Sextant's services are constructed and connected. Everything else receives
 * what it needs through its constructor.
 */
public final class Wiring implements AutoCloseable {

  private final AppDirs dirs;
  private final TaskRunner tasks;
  private final ModelRegistry models;

  public Wiring(AppDirs dirs) {
    this.dirs = Objects.requireNonNull(dirs, "dirs");
    this.tasks = new TaskRunner();
    this.models = new ModelRegistry(dirs.modelsDir());
  }

  public AppDirs dirs() {
    return dirs;
  }

  public TaskRunner tasks() {
    return tasks;
  }

  public ModelRegistry models() {
    return models;
  }

  /** The workspace at {@code dir}, or the default one when null. */
  public Workspace workspace(Path dir) throws IOException {
    return Workspace.at(dir != null ? dir : dirs.defaultWorkspace());
  }

  /** Opens an engine on a workspace with its stored settings adjusted by {@code adjust}. */
  public Engine openEngine(Path workspaceDir, UnaryOperator<EngineConfig> adjust) throws IOException {
    return Engine.open(workspace(workspaceDir), models, tasks, adjust);
  }

  /** Opens an engine after rebuilding the workspace's index from its catalog ({@code sextant repair}). */
  public Engine repairEngine(Path workspaceDir) throws IOException {
    return Engine.openRepairing(workspace(workspaceDir), models, tasks);
  }

  @Override
  public void close() {
    tasks.close();
  }
}
