package io.sextant.app;

import io.sextant.services.workspace.AppDirs;
import java.nio.file.Path;

/** The wiring app tests share: one data folder under target/, so each model is extracted once per build. */
public final class TestWiring {

  private TestWiring() {}

  public static Wiring create() {
    return new Wiring(new AppDirs(Path.of("target", "test-data").toAbsolutePath()));
  }
}
