package io.sextant.app.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DesktopFilesTest {

  final Path file = Path.of("/home/u/My Docs/report.pdf");

  @Test
  void eachDesktopOpensWithItsOwnLauncher() {
    assertEquals(List.of("xdg-open", file.toString()), DesktopFiles.openCommands(DesktopFiles.Os.LINUX, file).get(0));
    assertEquals(List.of("open", file.toString()), DesktopFiles.openCommands(DesktopFiles.Os.MAC, file).get(0));
    assertEquals("rundll32", DesktopFiles.openCommands(DesktopFiles.Os.WINDOWS, file).get(0).get(0));
  }

  @Test
  void revealSelectsTheFileAndOnLinuxFallsBackToOpeningItsFolder() {
    List<List<String>> linux = DesktopFiles.revealCommands(DesktopFiles.Os.LINUX, file);
    assertTrue(linux.get(0).contains("array:string:file:///home/u/My%20Docs/report.pdf"), linux.get(0).toString());
    assertEquals(List.of("xdg-open", "/home/u/My Docs"), linux.get(1));
    assertEquals(List.of("open", "-R", file.toString()), DesktopFiles.revealCommands(DesktopFiles.Os.MAC, file).get(0));
    assertEquals(List.of("explorer.exe", "/select," + file), DesktopFiles.revealCommands(DesktopFiles.Os.WINDOWS, file).get(0));
  }

  @Test
  void aFileThatIsGoneIsReportedBeforeAnyLauncherRuns(@TempDir Path dir) {
    var e = assertThrows(IOException.class,
        () -> new DesktopFiles(DesktopFiles.Os.LINUX).open(dir.resolve("moved.pdf")));
    assertTrue(e.getMessage().contains("no longer exists"), e.getMessage());
  }
}
