package io.sextant.views.common;

import java.util.Objects;

/**
 * One of the workspace's models whose files would not load.
 *
 * @param id the model id
 * @param reason what is wrong, naming the file
 * @param importedFrom the folder it was imported from (its manifest says), or "" when unknown
 */
public record BrokenModel(String id, String reason, String importedFrom) {

  public BrokenModel {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(reason, "reason");
    importedFrom = importedFrom == null ? "" : importedFrom;
  }

  /** The command that repairs it: importing the same export again under the same id. */
  public String fix() {
    String folder = importedFrom.isEmpty() ? "FOLDER" : quoted(importedFrom);
    return "sextant models import " + folder + " --id " + id;
  }

  /** Which model, what is wrong and the fix, as one sentence or two. */
  public String describe() {
    // the registry's reason for a truncated file already says "import the model again"
    boolean advised = reason.contains("import the model again");
    return "Model '" + id + "' cannot be used: " + reason
        + (advised ? " (" : ". Import it again (") + fix() + ").";
  }

  private static String quoted(String path) {
    return path.matches("[\\w./+-]+") ? path : "'" + path.replace("'", "'\\''") + "'";
  }
}
