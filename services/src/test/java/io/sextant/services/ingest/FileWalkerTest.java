package io.sextant.services.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileWalkerTest {

  @TempDir Path tmp;

  private Path file(String relative) throws IOException {
    Path p = tmp.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, "content of " + relative);
    return p;
  }

  private List<String> relative(List<Path> files, Path root) {
    return files.stream().map(p -> root.relativize(p).toString().replace('\\', '/')).toList();
  }

  @Test
  void yieldsFilesDepthFirstInNameOrder() throws IOException {
    file("b.txt");
    file("a/z.txt");
    file("a/b/c.txt");
    file("c.md");
    FileWalker.Listing listing = new FileWalker(List.of(tmp)).list();
    assertEquals(List.of("a/b/c.txt", "a/z.txt", "b.txt", "c.md"), relative(listing.files(), tmp));
    assertTrue(listing.problems().isEmpty());
  }

  @Test
  void skipsHiddenAndJunkFiles() throws IOException {
    file("keep.txt");
    file(".hidden.txt");
    file(".git/config");
    file("Thumbs.db");
    file("desktop.ini");
    file(".DS_Store");
    file("~$report.docx");
    file("download.TMP");
    file("sub/keep.pdf");
    assertEquals(List.of("keep.txt", "sub/keep.pdf"),
        relative(new FileWalker(List.of(tmp)).list().files(), tmp));
  }

  @Test
  void filtersByExtensionIgnoringCaseAndDot() throws IOException {
    file("a.PDF");
    file("b.txt");
    file("c.md");
    file("noext");
    List<Path> files = new FileWalker(List.of(tmp), Set.of(".pdf", "MD")).list().files();
    assertEquals(List.of("a.PDF", "c.md"), relative(files, tmp));
  }

  @Test
  void aRootThatIsAFileIsYieldedAsIs() throws IOException {
    Path f = file("only.txt");
    assertEquals(List.of(f), new FileWalker(List.of(f)).list().files());
  }

  @Test
  void missingRootIsReportedNotThrown() {
    FileWalker.Listing listing = new FileWalker(List.of(tmp.resolve("nope"))).list();
    assertTrue(listing.files().isEmpty());
    assertEquals("does not exist", listing.problems().get(0).reason());
  }

  @Test
  void symlinkLoopTerminatesAndIsSkipped() throws IOException {
    file("dir/a.txt");
    Path loop = tmp.resolve("dir/loop");
    assumeTrue(createLink(loop, tmp.resolve("dir")), "symbolic links not supported here");
    FileWalker.Listing listing = new FileWalker(List.of(tmp)).list();
    assertEquals(List.of("dir/a.txt"), relative(listing.files(), tmp));
    assertTrue(listing.problems().stream().anyMatch(p -> p.path().equals(loop)), listing.toString());
  }

  @Test
  void linkLeadingOutsideTheRootIsNotFollowed() throws IOException {
    Path root = Files.createDirectories(tmp.resolve("root"));
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "x");
    Files.writeString(root.resolve("in.txt"), "x");
    assumeTrue(createLink(root.resolve("out"), outside), "symbolic links not supported here");
    assumeTrue(createLink(root.resolve("secret-link.txt"), outside.resolve("secret.txt")));
    FileWalker.Listing listing = new FileWalker(List.of(root)).list();
    assertEquals(List.of("in.txt"), relative(listing.files(), root));
    assertEquals(2, listing.problems().size());
    assertTrue(listing.problems().stream().allMatch(p -> p.reason().contains("outside the root")));
  }

  @Test
  void linkLeadingOutsideTheRootIsFollowedWhenAllowedAndLoopsAreStillCut() throws IOException {
    Path root = Files.createDirectories(tmp.resolve("root"));
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "x");
    Files.writeString(root.resolve("in.txt"), "x");
    assumeTrue(createLink(root.resolve("out"), outside), "symbolic links not supported here");
    // a loop through the outside folder back into the root
    assumeTrue(createLink(outside.resolve("back"), root));
    FileWalker.Listing listing = new FileWalker(List.of(root), List.of(), true).list();
    assertEquals(List.of("in.txt", "out/secret.txt"), relative(listing.files(), root));
    assertEquals(1, listing.problems().size(), listing.toString());
    assertTrue(listing.problems().get(0).reason().contains("already walked"), listing.toString());
  }

  @Test
  void linkInsideTheRootIsFollowedButEachFileYieldedOnce() throws IOException {
    file("docs/a.txt");
    assumeTrue(createLink(tmp.resolve("alias.txt"), tmp.resolve("docs/a.txt")));
    List<Path> files = new FileWalker(List.of(tmp)).list().files();
    assertEquals(List.of("alias.txt"), relative(files, tmp), "first name in walk order wins");
  }

  @Test
  void overlappingRootsDoNotRepeatFiles() throws IOException {
    file("a/x.txt");
    file("b.txt");
    List<Path> files = new FileWalker(List.of(tmp, tmp.resolve("a"))).list().files();
    assertEquals(2, files.size());
  }

  @Test
  void unreadableFolderIsReportedAndTheWalkGoesOn() throws IOException {
    file("open/a.txt");
    Path locked = file("locked/b.txt").getParent();
    try {
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    } catch (UnsupportedOperationException e) {
      assumeTrue(false, "no POSIX permissions on this file system");
    }
    try {
      // chmod cannot lock out root (as in many containers): then there is nothing to test.
      assumeFalse(Files.isReadable(locked), "running as root: permissions do not stop reading");
      FileWalker.Listing listing = new FileWalker(List.of(tmp)).list();
      assertEquals(List.of("open/a.txt"), relative(listing.files(), tmp));
      assertEquals(locked, listing.problems().get(0).path());
      assertTrue(listing.problems().get(0).reason().contains("permission denied"));
    } finally {
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void rejectsBadArguments() {
    assertThrows(IllegalArgumentException.class, () -> new FileWalker(List.of()));
    assertThrows(IllegalArgumentException.class, () -> new FileWalker(List.of(tmp), Set.of("a/b")));
  }

  private static boolean createLink(Path link, Path target) {
    try {
      Files.createSymbolicLink(link, target);
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }
}
