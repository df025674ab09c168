package io.sextant.services.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** The files of one workspace: its catalog, its Lucene index and its caches. */
public final class Workspace {

  private final Path root;

  private Workspace(Path root) {
    this.root = root;
  }

  /** Opens (creating if needed) the workspace folder. */
  public static Workspace at(Path root) throws IOException {
    Objects.requireNonNull(root, "root");
    Path abs = root.toAbsolutePath().normalize();
    if (Files.exists(abs) && !Files.isDirectory(abs)) {
      throw new IOException("workspace path exists and is not a folder: " + abs);
    }
    Files.createDirectories(abs);
    return new Workspace(abs);
  }

  public Path root() {
    return root;
  }

  public Path catalogFile() {
    return root.resolve("catalog.db");
  }

  public Path indexDir() {
    return root.resolve("index");
  }

  public Path lockFile() {
    return root.resolve(".lock");
  }

  @Override
  public String toString() {
    return root.toString();
  }
}
