package io.sextant.services.catalog;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * A folder (or single file) the user added to the workspace.
 *
 * @param id catalog id
 * @param root absolute, normalised path
 * @param addedAt when it was added
 */
public record SourceRecord(long id, Path root, Instant addedAt) {
  public SourceRecord {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(addedAt, "addedAt");
  }
}
