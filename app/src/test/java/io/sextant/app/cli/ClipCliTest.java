package io.sextant.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CLIP from the command line with the tiny generated model (services/src/test/resources/clip-tiny,
 * random weights): import, index images beside a document, search by example and by text.
 */
class ClipCliTest {
  @TempDir static Path tmp;
  static InProcessCli cli;

  @BeforeAll
  static void setUp() {
    cli = new InProcessCli();
  }

  @AfterAll
  static void tearDown() {
    cli.close();
  }

  static InProcessCli.Result run(String... args) {
    return cli.run(args);
  }

  static void picture(Path file, Color bg, Color fg) throws Exception {
    BufferedImage img = new BufferedImage(120, 90, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(bg);
    g.fillRect(0, 0, 120, 90);
    g.setColor(fg);
    g.fillOval(30, 20, 60, 50);
    g.dispose();
    ImageIO.write(img, "png", file.toFile());
  }

  @Test
  void importIndexAndSearchImagesByExampleAndByText() throws Exception {
    Path tiny = Path.of("..", "services", "src", "test", "resources", "clip-tiny").toAbsolutePath().normalize();
    String id = "tiny-cli-" + Long.toString(System.nanoTime(), 36);
    var imp = run("models", "import", "--clip", "--id", id, tiny.toString());
    assertEquals(0, imp.code(), imp.err());
    var list = run("models");
    assertTrue(list.out().contains(id), list.out());

    Path photos = Files.createDirectories(tmp.resolve("photos"));
    picture(photos.resolve("sun.png"), Color.BLUE, Color.YELLOW);
    picture(photos.resolve("leaf.png"), Color.WHITE, Color.GREEN);
    Files.writeString(photos.resolve("note.txt"), "A note about the garden and its green leaves.\n");
    Path ws = tmp.resolve("ws");
    var idx = run("index", photos.toString(), "--workspace", ws.toString(), "--models", "all-minilm-l6-v2-q",
        "--clip", id);
    assertEquals(0, idx.code(), idx.err());
    assertTrue(idx.out().contains("3 indexed"), idx.out());

    var byExample = run("search", "--image", photos.resolve("sun.png").toString(), "--workspace", ws.toString(), "--json");
    assertEquals(0, byExample.code(), byExample.err());
    JsonNode hits = Json.MAPPER.readTree(byExample.out());
    assertEquals(photos.resolve("sun.png").toString(), hits.get(0).get("path").asText());
    assertEquals("image", hits.get(0).get("kind").asText());
    assertTrue(hits.get(0).has("thumbnail"));

    var byText = run("search", "a green leaf - sky", "--model", id, "--workspace", ws.toString(), "-k", "5");
    assertEquals(0, byText.code(), byText.err());
    assertTrue(byText.out().contains("[image]"), byText.out());

    var noClip = run("search", "--image", photos.resolve("sun.png").toString(), "--workspace",
        tmp.resolve("other").toString());
    assertEquals(2, noClip.code());
  }
}
