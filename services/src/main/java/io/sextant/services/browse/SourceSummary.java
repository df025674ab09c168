package io.sextant.services.browse;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * A source folder (or file) and how its files fared.
 *
 * @param id catalog id of the source
 * @param root the folder or file the user added
 * @param addedAt when it was added
 * @param indexed files indexed
 * @param failed files that could not be indexed
 * @param chunks chunks of the indexed files
 * @param bytes total size of the indexed files
 */
public record SourceSummary(long id, Path root, Instant addedAt, int indexed, int failed,
    long chunks, long bytes) {

  public SourceSummary {
    Objects.requireNonNull(root, "root");
    if (indexed < 0 || failed < 0 || chunks < 0 || bytes < 0) {
      throw new IllegalArgumentException("counts must be >= 0");
    }
  }

  /** Files the catalog knows under this source. */
  public int files() {
    return indexed + failed;
  }
}
