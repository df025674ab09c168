package io.sextant.services.model;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One line of {@link ModelRegistry#list()}.
 *
 * @param id model id (the folder name for user models)
 * @param builtin whether the model ships with Sextant
 * @param status whether it can be opened
 * @param reason why it is not available ("" when it is)
 * @param manifest the model's manifest, or null when it could not be read
 * @param dir the model folder (may not exist yet for a built-in)
 */
public record ModelEntry(
    String id, boolean builtin, ModelStatus status, String reason, ModelManifest manifest, Path dir) {

  public ModelEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(dir, "dir");
    reason = reason == null ? "" : reason;
    if (status == ModelStatus.AVAILABLE && manifest == null) {
      throw new IllegalArgumentException("an available model needs a manifest: " + id);
    }
  }
}
