package io.sextant.views.common;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The open workspace as the window describes it.
 *
 * @param name short name shown in the title bar
 * @param root the workspace folder
 * @param models ids of the models the index holds vectors of; the first is the default
 * @param files files in the catalog
 * @param chunks chunks in the catalog
 * @param warning a problem the user should know about (e.g. slow vector code), or ""
 * @param isSample whether this is the bundled sample workspace
 */
public record WorkspaceInfo(String name, Path root, List<String> models, int files, int chunks,
    String warning, boolean isSample) {

  public WorkspaceInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(root, "root");
    models = List.copyOf(models);
    if (models.isEmpty()) {
      throw new IllegalArgumentException("a workspace has at least one model");
    }
    warning = warning == null ? "" : warning;
  }
}
