package io.sextant.services.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceLockTest {

  @Test
  void secondHolderIsRefusedWithAClearMessageUntilTheFirstReleases(@TempDir Path dir) throws Exception {
    Workspace ws = Workspace.at(dir.resolve("ws"));
    try (WorkspaceLock first = WorkspaceLock.acquire(ws)) {
      var e = assertThrows(WorkspaceLock.WorkspaceLockedException.class, () -> WorkspaceLock.acquire(ws));
      assertTrue(e.getMessage().contains("in use by another Sextant process"), e.getMessage());
    }
    WorkspaceLock.acquire(ws).close();
  }

  @Test
  void workspacePathThatIsAFileIsRejected(@TempDir Path dir) throws Exception {
    Path f = java.nio.file.Files.writeString(dir.resolve("f"), "x");
    assertThrows(java.io.IOException.class, () -> Workspace.at(f));
  }

  @Test
  void dataHomeFollowsEachPlatformsConvention() {
    Path home = Path.of("/home/u");
    assertEquals(Path.of("/home/u/.local/share/sextant"), AppDirs.resolve("Linux", Map.of(), home));
    assertEquals(Path.of("/x/sextant"), AppDirs.resolve("Linux", Map.of("XDG_DATA_HOME", "/x"), home));
    assertEquals(Path.of("/home/u/Library/Application Support/Sextant"), AppDirs.resolve("Mac OS X", Map.of(), home));
    assertEquals(Path.of("C:/a/Sextant"), AppDirs.resolve("Windows 11", Map.of("APPDATA", "C:/a"), home));
  }
}
