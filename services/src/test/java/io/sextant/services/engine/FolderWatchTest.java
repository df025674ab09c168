package io.sextant.services.engine;

import static io.sextant.services.engine.EngineTestSupport.MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sextant.services.indexing.IngestListener;
import io.sextant.services.indexing.IngestReport;
import io.sextant.services.search.DocHit;
import io.sextant.services.search.SearchMode;
import io.sextant.services.search.SearchRequest;
import io.sextant.services.task.Cancellation;
import io.sextant.services.task.TaskRunner;
import io.sextant.services.watch.FolderWatcher;
import io.sextant.services.watch.WatchStatus;
import io.sextant.services.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A watched folder through the real engine: each change must reach search results within 5 s.
 * The tests poll with that timeout; how fast it actually is belongs to benchmarks, not asserts.
 */
class FolderWatchTest {

  private static final Duration WITHIN = Duration.ofSeconds(5);

  @TempDir Path tmp;
  TaskRunner tasks;
  Engine engine;
  Path folder;

  @BeforeEach
  void setUp() throws Exception {
    folder = Files.createDirectories(tmp.resolve("notes"));
    Files.writeString(folder.resolve("existing.txt"), "A note about lighthouses and their keepers.");
    tasks = EngineTestSupport.tasks();
    engine = Engine.open(Workspace.at(tmp.resolve("ws")), EngineTestSupport.registry(), tasks,
        c -> c.withModels(List.of(MODEL)));
    engine.ingest(List.of(folder), IngestListener.NONE, new Cancellation());
  }

  @AfterEach
  void tearDown() throws Exception {
    engine.close();
    tasks.close();
  }

  private List<String> files(String word) throws Exception {
    List<DocHit> hits = engine.search(SearchRequest.builder(word, SearchMode.KEYWORD).k(10).build()).hits();
    return hits.stream().map(h -> Path.of(h.path()).getFileName().toString()).toList();
  }

  /** Polls until the condition holds; prints how long it took, for the record (not asserted). */
  private static void within(String what, BooleanSupplier condition) throws Exception {
    long start = System.nanoTime();
    long deadline = start + WITHIN.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        System.out.printf("FolderWatchTest: %s reached search in %d ms%n", what,
            (System.nanoTime() - start) / 1_000_000);
        return;
      }
      Thread.sleep(50);
    }
    fail(what + " not reflected in search results within " + WITHIN);
  }

  private BooleanSupplier shows(String word, String file) {
    return () -> {
      try {
        return files(word).contains(file);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
  }

  private BooleanSupplier showsNothing(String word) {
    return () -> {
      try {
        return files(word).isEmpty();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
  }

  @Test
  void createdModifiedRenamedAndDeletedFilesReachSearchWithinSeconds() throws Exception {
    // Long rescan: the notifications must do the work.
    FolderWatcher w = engine.watch(
        new FolderWatcher.Timing(Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofMinutes(10)), true);
    within("the first scan", () -> w.status().refreshes() >= 1);
    assertEquals(WatchStatus.Mode.NOTIFY, w.status().roots().get(folder.toAbsolutePath().normalize()));

    Files.createDirectories(folder.resolve("sub"));
    Path created = folder.resolve("sub").resolve("quokka.txt");
    Files.writeString(created, "The quokka is a small marsupial from Rottnest Island.");
    within("a created file", shows("quokka", "quokka.txt"));

    Files.writeString(created, "Now this note is about the narwhal and its tusk.");
    within("a modified file", () -> shows("narwhal", "quokka.txt").getAsBoolean()
        && showsNothing("quokka").getAsBoolean());

    Path renamed = folder.resolve("narwhal.txt");
    Files.move(created, renamed);
    within("a renamed file", () -> {
      try {
        return files("narwhal").equals(List.of("narwhal.txt"));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });

    Files.delete(renamed);
    within("a deleted file", showsNothing("narwhal"));
    assertTrue(files("lighthouses").contains("existing.txt"), "untouched files stay");
  }

  @Test
  void withoutNotificationsThePeriodicRescanStillFindsChanges() throws Exception {
    FolderWatcher w = engine.watch(
        new FolderWatcher.Timing(Duration.ZERO, Duration.ZERO, Duration.ofMillis(500)), false);
    Files.writeString(folder.resolve("okapi.txt"), "The okapi looks like a zebra but is a giraffid.");
    within("a file found by rescanning", shows("okapi", "okapi.txt"));
    assertEquals(WatchStatus.Mode.RESCAN, w.status().roots().get(folder.toAbsolutePath().normalize()));
  }

  @Test
  void pausedWatchingHoldsChangesBackUntilResumed() throws Exception {
    FolderWatcher w = engine.watch(
        new FolderWatcher.Timing(Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofMinutes(10)), true);
    within("the first scan", () -> w.status().refreshes() >= 1);
    w.pause();
    assertTrue(w.status().paused());
    Files.writeString(folder.resolve("axolotl.txt"), "The axolotl regrows its limbs.");
    // Give the watcher time it would have used; nothing may be applied while paused.
    Thread.sleep(1500);
    assertFalse(files("axolotl").contains("axolotl.txt"), "paused watching applied a change");
    w.resume();
    within("a change made while paused", shows("axolotl", "axolotl.txt"));
  }

  @Test
  void aRemovedSourceIsNotWatchedBackIn() throws Exception {
    FolderWatcher w = engine.watch(
        new FolderWatcher.Timing(Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofMillis(300)), true);
    within("the first scan", () -> w.status().refreshes() >= 1);
    long id = engine.catalog().sources().get(0).id();
    engine.removeSource(id);
    Files.writeString(folder.resolve("tapir.txt"), "The tapir has a short trunk.");
    Thread.sleep(1500);
    assertTrue(engine.catalog().sources().isEmpty(), "the watcher re-added a removed source");
    assertTrue(files("tapir").isEmpty());
  }

  @Test
  void aSourceAddedWhileWatchingIsWatchedAtOnceAndAnUnwatchedOneIsLeftAlone() throws Exception {
    // Long rescan: only resync() can pick up the new source in time.
    FolderWatcher w = engine.watch(
        new FolderWatcher.Timing(Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofMinutes(10)), true);
    within("the first scan", () -> w.status().refreshes() >= 1);
    List<IngestReport> reports = new CopyOnWriteArrayList<>();
    engine.onWatchedChanges(reports::add);
    Path more = Files.createDirectories(tmp.resolve("more")).toAbsolutePath().normalize();
    engine.ingest(List.of(more), IngestListener.NONE, new Cancellation());
    w.resync();
    within("the new source watched", () -> w.status().roots().get(more) == WatchStatus.Mode.NOTIFY);
    Files.writeString(more.resolve("ibis.txt"), "The ibis wades through shallow water.");
    within("a file created in the new source", shows("ibis", "ibis.txt"));
    within("a report of the batch", () -> reports.stream().anyMatch(r -> r.filesIndexed() >= 1));

    w.unwatch(more);
    within("the source unwatched", () -> !w.status().roots().containsKey(more));
    Files.writeString(more.resolve("heron.txt"), "The heron stands still for hours.");
    Thread.sleep(1500);
    assertTrue(files("heron").isEmpty(), "an unwatched source was refreshed");
    w.rewatch(more);
    within("a change made while unwatched, after rewatching", shows("heron", "heron.txt"));
  }
}
