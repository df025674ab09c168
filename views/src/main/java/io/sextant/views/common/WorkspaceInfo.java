package io.sextant.views.common;

import java.nio.file.Path;
import java.util.ArrayList;
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
 * @param brokenModels those of {@code models} whose files would not load (the app keeps working
 *     with the others and keyword search)
 */
public record WorkspaceInfo(String name, Path root, List<String> models, int files, int chunks,
    String warning, boolean isSample, List<BrokenModel> brokenModels) {

  public WorkspaceInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(root, "root");
    models = List.copyOf(models);
    if (models.isEmpty()) {
      throw new IllegalArgumentException("a workspace has at least one model");
    }
    warning = warning == null ? "" : warning;
    brokenModels = List.copyOf(brokenModels);
    for (BrokenModel b : brokenModels) {
      if (!models.contains(b.id())) {
        throw new IllegalArgumentException("broken model " + b.id() + " is not one of " + models);
      }
    }
  }

  /** A workspace whose models all load. */
  public WorkspaceInfo(String name, Path root, List<String> models, int files, int chunks,
      String warning, boolean isSample) {
    this(name, root, models, files, chunks, warning, isSample, List.of());
  }

  /** The models semantic search can use, in the workspace's order. */
  public List<String> usableModels() {
    List<String> usable = new ArrayList<>(models);
    brokenModels.forEach(b -> usable.remove(b.id()));
    return usable;
  }

  /** The broken models in one short line, for the status bar; "" when every model loads. */
  public String modelProblemSummary() {
    if (brokenModels.isEmpty()) {
      return "";
    }
    List<String> ids = brokenModels.stream().map(b -> "'" + b.id() + "'").toList();
    return (ids.size() == 1 ? "model " + ids.get(0) : "models " + String.join(", ", ids))
        + " cannot be used: damaged or missing files; import again to repair (details above the search results)";
  }

  /**
   * What to tell the user about the broken models: which, why, how to fix it and what still
   * works; "" when every model loads.
   */
  public String modelProblem() {
    if (brokenModels.isEmpty()) {
      return "";
    }
    StringBuilder s = new StringBuilder();
    brokenModels.forEach(b -> s.append(b.describe()).append(' '));
    List<String> usable = usableModels();
    s.append(usable.isEmpty()
        ? "Keyword search still works."
        : "Keyword search and " + String.join(", ", usable) + " still work.");
    return s.toString();
  }
}
