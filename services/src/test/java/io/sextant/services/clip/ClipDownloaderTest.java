package io.sextant.services.clip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.sextant.services.task.Cancellation;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The downloader against a real HTTP server on the loopback interface serving the tiny model. */
class ClipDownloaderTest {
  @TempDir Path tmp;
  HttpServer server;
  final Map<String, byte[]> files = new ConcurrentHashMap<>();
  /** Paths whose next full (non-range) response is cut after this many bytes. */
  final Map<String, Integer> cutAfter = new ConcurrentHashMap<>();
  final List<String> ranges = new ArrayList<>();
  final AtomicInteger requests = new AtomicInteger();

  @BeforeEach
  void start() throws IOException {
    Path tiny = TinyClip.copyTo(tmp.resolve("src"));
    for (String f : TinyClip.FILES) {
      files.put("/" + f, Files.readAllBytes(tiny.resolve(f)));
    }
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      requests.incrementAndGet();
      byte[] body = files.get(ex.getRequestURI().getPath());
      if (body == null) {
        ex.sendResponseHeaders(404, -1);
        ex.close();
        return;
      }
      String range = ex.getRequestHeaders().getFirst("Range");
      int from = 0;
      if (range != null) {
        synchronized (ranges) {
          ranges.add(ex.getRequestURI().getPath() + " " + range);
        }
        from = Integer.parseInt(range.replaceAll("bytes=(\\d+)-.*", "$1"));
        ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
        ex.sendResponseHeaders(206, body.length - from);
      } else {
        ex.sendResponseHeaders(200, body.length);
      }
      Integer cut = range == null ? cutAfter.remove(ex.getRequestURI().getPath()) : null;
      OutputStream out = ex.getResponseBody();
      if (cut != null) {
        out.write(body, 0, cut);
        out.flush();
        // Ending the handler with an exception makes the server drop the connection mid-body,
        // as a lost network would.
        throw new IllegalStateException("transfer cut on purpose");
      }
      try (out) {
        out.write(body, from, body.length - from);
      } catch (IOException ignored) {
        // client went away
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private List<ClipDownloads.PinnedFile> pins(boolean pinned, String corrupt) throws IOException {
    List<ClipDownloads.PinnedFile> out = new ArrayList<>();
    for (String f : TinyClip.FILES) {
      String sha = f.equals(corrupt) ? "0".repeat(64) : sha(files.get("/" + f));
      out.add(new ClipDownloads.PinnedFile(f, URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + f),
          pinned ? Optional.of(sha) : Optional.empty()));
    }
    return out;
  }

  private String sha(byte[] b) throws IOException {
    Path t = Files.write(Files.createTempFile(tmp, "s", ".bin"), b);
    return ClipDownloader.sha256(t);
  }

  @Test
  void downloadsVerifiesAndInstallsAUsableModelWithProgress() throws Exception {
    Path models = tmp.resolve("models");
    List<long[]> progress = new ArrayList<>();
    Path dir = new ClipDownloader(models).download("dl-clip", pins(true, null),
        (f, done, total) -> progress.add(new long[] {done, total}), new Cancellation());
    assertEquals(models.resolve("dl-clip"), dir);
    assertTrue(new ClipModels(models).contains("dl-clip"));
    try (ClipModel m = new ClipModels(models).open("dl-clip", 1)) {
      assertEquals(512, m.dimensions());
    }
    long[] last = progress.get(progress.size() - 1);
    assertEquals(last[1], last[0]);
    assertFalse(Files.exists(models.resolve(".download-dl-clip")));
  }

  @Test
  void aChecksumMismatchInstallsNothingAndDeletesTheBadFile() throws Exception {
    Path models = tmp.resolve("models");
    var e = assertThrows(ClipDownloader.ChecksumMismatchException.class, () ->
        new ClipDownloader(models).download("bad-clip", pins(true, "vision_model.onnx"), ClipDownloader.Progress.NONE,
            new Cancellation()));
    assertTrue(e.getMessage().contains("vision_model.onnx"), e.getMessage());
    assertFalse(Files.exists(models.resolve("bad-clip")));
    assertFalse(Files.exists(models.resolve(".download-bad-clip/vision_model.onnx.part")));
    assertTrue(new ClipModels(models).list().isEmpty());
  }

  @Test
  void anInterruptedTransferResumesWithARangeRequest() throws Exception {
    Path models = tmp.resolve("models");
    cutAfter.put("/vision_model.onnx", 100_000);
    assertThrows(IOException.class, () -> new ClipDownloader(models).download("resumed", pins(true, null),
        ClipDownloader.Progress.NONE, new Cancellation()));
    Path part = models.resolve(".download-resumed/vision_model.onnx.part");
    assertTrue(Files.exists(part));
    assertEquals(100_000, Files.size(part));
    assertFalse(Files.exists(models.resolve("resumed")));
    new ClipDownloader(models).download("resumed", pins(true, null), ClipDownloader.Progress.NONE, new Cancellation());
    assertTrue(ranges.contains("/vision_model.onnx bytes=100000-"), ranges.toString());
    try (ClipModel m = new ClipModels(models).open("resumed", 1)) {
      assertEquals(512, m.embedText("x").length);
    }
  }

  @Test
  void importingAFolderCopiesAndMarksIt() throws Exception {
    Path models = tmp.resolve("models");
    ClipModels clips = new ClipModels(models);
    clips.importFolder(tmp.resolve("src"), "imported");
    assertTrue(clips.contains("imported"));
    assertThrows(IOException.class, () -> clips.importFolder(tmp.resolve("src"), "imported"));
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertThrows(io.sextant.services.model.InvalidModelException.class, () -> clips.importFolder(empty, "nothing"));
    assertFalse(Files.exists(models.resolve("nothing")));
  }
}
