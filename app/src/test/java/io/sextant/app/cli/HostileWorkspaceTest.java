package io.sextant.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sextant.services.workspace.Workspace;
import io.sextant.services.workspace.WorkspaceLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI against a hostile environment, each case in its own JVM as a user would meet it: a
 * workspace held by another process, a damaged index, no network at all, a full disk, files the
 * user may not read.
 */
class HostileWorkspaceTest {

  private static final String MODEL = "all-minilm-l6-v2-q";

  @TempDir static Path tmp;
  static Path built;

  static Path sampleDocs() {
    return Path.of("..", "sample-corpora", "documents").toAbsolutePath().normalize();
  }

  @BeforeAll
  static void buildOnce() throws Exception {
    built = tmp.resolve("ws-built");
    CliProcess.Output r = CliProcess.run("index", sampleDocs().toString(), "--workspace", built.toString(),
        "--models", MODEL);
    assertEquals(0, r.code(), r.err());
  }

  @Test
  void aSecondInstanceOnTheSameWorkspaceIsRefusedWithAClearMessage() throws Exception {
    try (WorkspaceLock held = WorkspaceLock.acquire(Workspace.at(built))) {
      CliProcess.Output r = CliProcess.run("search", "sourdough", "--workspace", built.toString());
      assertEquals(2, r.code(), r.out());
      assertTrue(r.err().contains("is in use by another Sextant process (pid " + ProcessHandle.current().pid() + ")"),
          r.err());
      assertTrue(r.err().contains("close it or choose another workspace"), r.err());
    }
  }

  @Test
  void aDamagedIndexIsDetectedAndRepairRebuildsItFromTheCatalog() throws Exception {
    Path ws = tmp.resolve("ws-damaged");
    CrashConsistencyTest.copyTree(built, ws);
    List<String> before = CrashConsistencyTest.hits(ws, "finding latitude at sea", "semantic");
    Path indexDir = Workspace.at(ws).indexDir();
    List<Path> segments;
    try (Stream<Path> s = Files.list(indexDir)) {
      segments = s.filter(p -> p.getFileName().toString().startsWith("segments_")).toList();
    }
    assertTrue(!segments.isEmpty());
    for (Path seg : segments) {
      Files.write(seg, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
    }
    CliProcess.Output broken = CliProcess.run("search", "latitude", "--workspace", ws.toString());
    assertEquals(2, broken.code(), broken.out());
    assertTrue(broken.err().contains("search index of workspace " + ws + " is damaged"), broken.err());
    assertTrue(broken.err().contains("sextant repair --workspace"), broken.err());

    CliProcess.Output repair = CliProcess.run("repair", "--workspace", ws.toString());
    assertEquals(0, repair.code(), repair.err());
    assertTrue(repair.out().startsWith("repaired workspace"), repair.out());
    assertEquals(before, CrashConsistencyTest.hits(ws, "finding latitude at sea", "semantic"));
    CrashConsistencyTest.assertAgree(ws, "after repair");
  }

  @Test
  void indexingAndSearchingNeedNoNetwork() throws Exception {
    List<String> isolate = List.of("unshare", "--net", "--");
    boolean permitted;
    try {
      Process p = new ProcessBuilder("unshare", "--net", "true").start();
      permitted = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (java.io.IOException e) {
      permitted = false;
    }
    assumeTrue(permitted, "unshare --net is not permitted here");
    Path ws = tmp.resolve("ws-offline");
    CliProcess.Output index = CliProcess.run(isolate, 300, "index", sampleDocs().toString(), "--workspace",
        ws.toString(), "--models", MODEL);
    assertEquals(0, index.code(), index.err());
    for (String mode : List.of("semantic", "keyword", "hybrid")) {
      CliProcess.Output offline = CliProcess.run(isolate, 120, "search", "phases of the moon and tides",
          "--workspace", ws.toString(), "--mode", mode, "--exact", "--json");
      assertEquals(0, offline.code(), offline.err());
      CliProcess.Output online = CliProcess.run(List.of(), 120, "search", "phases of the moon and tides",
          "--workspace", built.toString(), "--mode", mode, "--exact", "--json");
      assertEquals(0, online.code(), online.err());
      assertEquals(paths(online.out()), paths(offline.out()), mode);
    }
  }

  @Test
  void aFullDiskStopsTheRunWithAClearMessage() throws Exception {
    Path mnt = Files.createDirectories(tmp.resolve("tiny-disk"));
    boolean mounted;
    try {
      Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mnt.toString())
          .redirectErrorStream(true).start();
      mounted = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (java.io.IOException e) {
      mounted = false;
    }
    assumeTrue(mounted, "cannot mount a tiny tmpfs here (needs root)");
    try {
      Path ws = mnt.resolve("ws");
      CliProcess.Output r = CliProcess.run("index", sampleDocs().toString(), "--workspace", ws.toString(),
          "--models", MODEL);
      assertEquals(2, r.code(), r.out() + r.err());
      assertTrue(r.err().contains("the disk is full"), r.err());
      assertTrue(r.err().contains("free some space and run the same command again"), r.err());
      assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
    } finally {
      new ProcessBuilder("umount", "-l", mnt.toString()).start().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /**
   * Unreadable files and folders. The tests run as root, whose CAP_DAC_OVERRIDE ignores file
   * modes, so the CLI runs under {@code setpriv} with that capability (and DAC_READ_SEARCH) taken
   * out of its bounding set: still uid 0 (it can read its own class path under /root), but mode
   * 000 now denies it, as it would any user.
   */
  @Test
  void unreadableFilesAndFoldersAreReportedAsPermissionDeniedAndTheRestIsIndexed() throws Exception {
    List<String> unprivileged = List.of("setpriv", "--bounding-set=-dac_override,-dac_read_search", "--");
    Path docs = Files.createDirectories(tmp.resolve("locked-docs"));
    for (String name : List.of("sourdough-starter-care.md", "red-lentil-soup-recipe.md")) {
      Files.copy(sampleDocs().resolve(name), docs.resolve(name));
    }
    Path secret = Files.writeString(docs.resolve("secret.txt"), "payroll figures nobody may read");
    Path lockedDir = Files.createDirectories(docs.resolve("private"));
    Files.writeString(lockedDir.resolve("diary.txt"), "a diary in a locked folder");
    var none = java.nio.file.attribute.PosixFilePermissions.fromString("---------");
    Files.setPosixFilePermissions(secret, none);
    Files.setPosixFilePermissions(lockedDir, none);
    try {
      boolean denies;
      try {
        Process p = new ProcessBuilder(Stream.concat(unprivileged.stream(), Stream.of("cat", secret.toString()))
            .toList()).redirectErrorStream(true).start();
        denies = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() != 0;
      } catch (java.io.IOException e) {
        denies = false;
      }
      assumeTrue(denies, "setpriv cannot drop CAP_DAC_OVERRIDE here, so file modes cannot deny access");

      Path ws = tmp.resolve("ws-locked");
      Path json = tmp.resolve("locked-report.json");
      CliProcess.Output r = CliProcess.run(unprivileged, 300, "index", docs.toString(), "--workspace",
          ws.toString(), "--models", MODEL, "--json", json.toString());
      assertEquals(0, r.code(), r.out() + r.err());
      assertTrue(r.out().contains("failed [permission-denied]: " + secret), r.out());
      assertTrue(r.out().contains("failed [permission-denied]: " + lockedDir), r.out());
      JsonNode report = Json.MAPPER.readTree(json.toFile());
      assertEquals(2, report.get("files_indexed").asInt(), report.toString());
      List<String> kinds = new ArrayList<>();
      report.get("failures").forEach(f -> kinds.add(f.get("kind").asText()));
      assertEquals(List.of("permission-denied", "permission-denied"), kinds, report.toString());
    } finally {
      var owner = java.nio.file.attribute.PosixFilePermissions.fromString("rwx------");
      Files.setPosixFilePermissions(secret, owner);
      Files.setPosixFilePermissions(lockedDir, owner);
    }
  }

  static List<String> paths(String json) throws Exception {
    List<String> out = new ArrayList<>();
    for (JsonNode h : Json.MAPPER.readTree(json)) {
      out.add(Path.of(h.get("path").asText()).getFileName().toString());
    }
    return out;
  }
}
