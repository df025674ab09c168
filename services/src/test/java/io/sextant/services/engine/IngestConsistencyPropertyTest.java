package io.sextant.services.engine;

import static io.sextant.services.engine.EngineTestSupport.MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sextant.services.indexing.IngestListener;
import io.sextant.services.indexing.IngestReport;
import io.sextant.services.model.ModelRegistry;
import io.sextant.services.search.SearchMode;
import io.sextant.services.search.SearchRequest;
import io.sextant.services.task.Cancellation;
import io.sextant.services.task.TaskRunner;
import io.sextant.services.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random histories of file edits (create, modify, touch, delete) against a real workspace. After
 * every ingest the index holds exactly the files on disk, each findable by its unique word; a
 * deleted file is gone; and an immediate re-index embeds nothing. jqwik prints the seed of a
 * failing history so it can be replayed with {@code @Property(seed = "...")}.
 */
class IngestConsistencyPropertyTest {

  private static final List<String> WORDS = List.of("harbour", "lantern", "granite", "meadow",
      "copper", "willow", "thunder", "saffron", "orbit", "glacier", "pepper", "violin");

  static ModelRegistry registry;
  static TaskRunner tasks;

  @BeforeContainer
  static void setUp() {
    registry = EngineTestSupport.registry();
    tasks = EngineTestSupport.tasks();
  }

  @AfterContainer
  static void tearDown() {
    tasks.close();
  }

  record Op(int kind, int file, int words) {}

  @Provide
  Arbitrary<List<Op>> histories() {
    Arbitrary<Op> op = net.jqwik.api.Combinators.combine(
        Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 4),
        Arbitraries.integers().between(3, 60)).as(Op::new);
    return op.list().ofMinSize(2).ofMaxSize(6);
  }

  @Property(tries = 8)
  void indexAlwaysMatchesTheFilesOnDisk(@ForAll("histories") List<Op> history) throws Exception {
    Path tmp = Files.createTempDirectory("sextant-prop");
    try {
      Path docs = Files.createDirectories(tmp.resolve("docs"));
      Workspace ws = Workspace.at(tmp.resolve("ws"));
      int version = 0;
      try (Engine engine = Engine.open(ws, registry, tasks, c -> c.withModels(List.of(MODEL)))) {
        for (Op op : history) {
          Path f = docs.resolve("f" + op.file() + ".txt");
          switch (op.kind()) {
            case 0, 1 -> Files.writeString(f, text(op, ++version));
            case 2 -> {
              if (Files.exists(f)) {
                Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(
                    Files.getLastModifiedTime(f).toMillis() + 7_000));
              }
            }
            default -> Files.deleteIfExists(f);
          }
          engine.ingest(List.of(docs), IngestListener.NONE, new Cancellation());
          assertEquals(onDisk(docs), indexed(engine), "after " + op);
          IngestReport again = engine.ingest(List.of(docs), IngestListener.NONE, new Cancellation());
          assertEquals(0, again.chunksEmbedded(), "unchanged re-index after " + op);
        }
      }
    } finally {
      EngineTestSupport.deleteTree(tmp);
    }
  }

  private static String text(Op op, int version) {
    StringBuilder sb = new StringBuilder("marker" + op.file() + "v" + version);
    for (int i = 0; i < op.words(); i++) {
      sb.append(' ').append(WORDS.get((op.file() * 7 + i * 3 + version) % WORDS.size()));
      if (i % 12 == 11) {
        sb.append(".\n\n");
      }
    }
    return sb.toString();
  }

  private static Set<String> onDisk(Path docs) throws Exception {
    try (var s = Files.list(docs)) {
      return new TreeSet<>(s.map(Path::toString).toList());
    }
  }

  /** Files the index can find by their marker word, plus every file the catalog holds. */
  private static Set<String> indexed(Engine engine) throws Exception {
    Set<String> found = new TreeSet<>();
    Set<String> catalog = new HashSet<>();
    for (var src : engine.catalog().sources()) {
      engine.catalog().files(src.id()).forEach(f -> catalog.add(f.path()));
    }
    for (String path : catalog) {
      String content = Files.exists(Path.of(path)) ? Files.readString(Path.of(path)) : "";
      String marker = content.isEmpty() ? "nonexistentmarker" : content.substring(0, content.indexOf(' '));
      var hits = engine.search(SearchRequest.builder(marker, SearchMode.KEYWORD).k(10).build()).hits();
      hits.stream().filter(h -> h.path().equals(path)).findAny().ifPresent(h -> found.add(path));
    }
    assertEquals(new TreeSet<>(catalog), found, "every cataloged file is findable in the index");
    assertEquals(engine.index().numChunks(), engine.catalog().chunkCount(), "index and catalog agree on chunks");
    return found;
  }
}
