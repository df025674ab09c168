package io.sextant.services.engine;

import static io.sextant.services.engine.EngineTestSupport.MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sextant.services.clip.ClipModels;
import io.sextant.services.clip.TinyClip;
import io.sextant.services.images.ExifJpeg;
import io.sextant.services.indexing.IngestListener;
import io.sextant.services.indexing.IngestReport;
import io.sextant.services.model.ModelRegistry;
import io.sextant.services.photos.ImageFilters;
import io.sextant.services.search.DocHit;
import io.sextant.services.search.SearchFilters;
import io.sextant.services.search.SearchMode;
import io.sextant.services.search.SearchRequest;
import io.sextant.services.task.Cancellation;
import io.sextant.services.task.TaskRunner;
import io.sextant.services.workspace.Workspace;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole image path with the tiny generated CLIP model (real ONNX graphs, random weights):
 * ingest beside documents, thumbnails, EXIF filters, text/image/mixed search, one bad image,
 * re-ingest and deletion. Rankings across different images mean nothing with random weights; an
 * image searched by itself must still come first with cosine 1.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PhotosEngineTest {
  static final String CLIP = "tiny-clip-test";

  @TempDir static Path tmp;
  static Path folder;
  static Engine engine;
  static TaskRunner tasks;

  @BeforeAll
  static void setUp() throws Exception {
    ModelRegistry registry = EngineTestSupport.registry();
    ClipModels clips = new ClipModels(registry.modelsDir());
    if (!clips.contains(CLIP)) {
      clips.importFolder(TinyClip.copyTo(tmp.resolve("tiny")), CLIP);
    }
    folder = Files.createDirectories(tmp.resolve("mixed"));
    TinyClip.picture(folder.resolve("sun.png"), 320, 200, Color.BLUE, Color.YELLOW);
    TinyClip.picture(folder.resolve("grass.gif"), 200, 300, Color.GREEN, Color.WHITE);
    TinyClip.picture(folder.resolve("night.bmp"), 100, 100, Color.BLACK, Color.GRAY);
    TinyClip.picture(folder.resolve("fire.tiff"), 64, 48, Color.RED, Color.ORANGE);
    ExifJpeg.write(folder.resolve("holiday.jpg"), 80, 40, "Canon", "Canon EOS 5D", 6, "2021:06:15 10:30:00");
    Files.write(folder.resolve("broken.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, 0, 1, 2});
    Files.writeString(folder.resolve("notes.txt"), "Lighthouses guide ships along rocky coasts at night.\n");
    tasks = EngineTestSupport.tasks();
    engine = Engine.open(Workspace.at(tmp.resolve("ws")), registry, tasks, c -> c.withModels(List.of(MODEL)));
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (engine != null) {
      engine.close();
    }
    tasks.close();
  }

  @Test
  @Order(1)
  void anUnknownOrBrokenClipModelIsRefusedAndNothingIsEnabled() {
    assertThrows(IllegalArgumentException.class, () -> engine.useClipModel("no-such-clip"));
    assertTrue(engine.clipModel().isEmpty());
  }

  @Test
  @Order(2)
  void imagesAndDocumentsIngestTogetherAndOneBadImageIsOnlyReported() throws Exception {
    engine.useClipModel(CLIP);
    IngestReport r = engine.ingest(List.of(folder), IngestListener.NONE, new Cancellation());
    assertEquals(6, r.filesIndexed(), r.toString()); // 5 images + notes.txt
    assertEquals(1, r.filesFailed());
    assertTrue(r.failures().get(0).path().endsWith("broken.jpg"));
    assertEquals(5, engine.catalog().imageCount());
    var holiday = engine.photos().image(folder.resolve("holiday.jpg").toString()).orElseThrow();
    assertEquals(40, holiday.width(), "stored upright");
    assertEquals("2021-06-15T10:30", holiday.taken());
    assertTrue(engine.photos().thumbnail(folder.resolve("sun.png").toString()).isPresent());
    assertTrue(engine.catalog().file(folder.resolve("sun.png").toString()).isEmpty(),
        "images are not also parsed as documents");
  }

  @Test
  @Order(3)
  void anImageFindsItselfFirst() throws Exception {
    for (String name : List.of("sun.png", "grass.gif", "holiday.jpg")) {
      var hits = engine.photos().searchSimilar(folder.resolve(name), 3, SearchFilters.NONE, ImageFilters.NONE).hits();
      assertEquals(folder.resolve(name).toString(), hits.get(0).path());
      assertEquals(1.0, hits.get(0).score(), 1e-4);
      assertEquals(DocHit.Kind.IMAGE, hits.get(0).kind());
    }
  }

  @Test
  @Order(4)
  void textQueriesArithmeticAndExifFiltersRankImages() throws Exception {
    var all = engine.photos().search("a sunny beach", Path.of(""), 10, SearchFilters.NONE, ImageFilters.NONE).hits();
    assertEquals(5, all.size());
    var sum = engine.photos().search("2:sun + " + folder.resolve("grass.gif") + " - night", Path.of(""), 10,
        SearchFilters.NONE, ImageFilters.NONE).hits();
    assertEquals(5, sum.size());
    var canon = engine.photos().search("a photo", Path.of(""), 10, SearchFilters.NONE,
        new ImageFilters(null, null, "eos")).hits();
    assertEquals(List.of(folder.resolve("holiday.jpg").toString()), canon.stream().map(DocHit::path).toList());
    var june = engine.photos().search("a photo", Path.of(""), 10, SearchFilters.NONE,
        new ImageFilters(LocalDate.of(2021, 6, 1), LocalDate.of(2021, 6, 30), null)).hits();
    assertEquals(1, june.size());
    var gifs = engine.photos().search("a photo", Path.of(""), 10, new SearchFilters(java.util.Set.of("gif"), null, null, null, null, null),
        ImageFilters.NONE).hits();
    assertEquals(1, gifs.size());
  }

  @Test
  @Order(5)
  void mixedSearchListsDocumentsAndImages() throws Exception {
    var hits = engine.photos().searchMixed(
        SearchRequest.builder("lighthouse at night", SearchMode.SEMANTIC).modelId(MODEL).k(5).build(), 5).hits();
    assertTrue(hits.stream().anyMatch(h -> h.kind() == DocHit.Kind.DOCUMENT));
    assertTrue(hits.stream().anyMatch(h -> h.kind() == DocHit.Kind.IMAGE));
  }

  @Test
  @Order(6)
  void reIngestSkipsUnchangedAndDropsDeletedImages() throws Exception {
    IngestReport again = engine.ingest(List.of(folder), IngestListener.NONE, new Cancellation());
    assertEquals(0, again.filesIndexed(), again.toString());
    Files.delete(folder.resolve("night.bmp"));
    IngestReport after = engine.ingest(List.of(folder), IngestListener.NONE, new Cancellation());
    assertEquals(1, after.filesDeleted());
    assertEquals(4, engine.catalog().imageCount());
    var hits = engine.photos().search("night", Path.of(""), 10, SearchFilters.NONE, ImageFilters.NONE).hits();
    assertFalse(hits.stream().anyMatch(h -> h.path().endsWith("night.bmp")));
  }
}
