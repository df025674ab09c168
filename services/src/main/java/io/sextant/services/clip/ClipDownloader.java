package io.sextant.services.clip;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sextant.services.task.Cancellation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Downloads a CLIP export into {@code <modelsDir>/<id>}: resumable (an interrupted file continues
 * from its {@code .part} with an HTTP Range request), with progress, every file checked against
 * its pinned SHA-256 before use, the whole export loaded once, then moved into place in one step.
 * Until that move nothing appears under the model's id, so a broken download never shows up as
 * a model.
 */
public final class ClipDownloader {

  /** Progress of one file; {@code total} is -1 when the server does not say. */
  @FunctionalInterface
  public interface Progress {
    void update(String file, long done, long total);

    Progress NONE = (f, d, t) -> {};
  }

  /** A downloaded file whose bytes do not hash to the pinned value. */
  public static final class ChecksumMismatchException extends IOException {
    public ChecksumMismatchException(String file, String expected, String actual) {
      super("checksum mismatch for " + file + ": expected SHA-256 " + expected + ", got " + actual
          + "; the partial download was deleted, run the download again");
    }
  }

  private final HttpClient http;
  private final Path modelsDir;

  public ClipDownloader(Path modelsDir) {
    this(modelsDir, HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(20)).build());
  }

  public ClipDownloader(Path modelsDir, HttpClient http) {
    this.modelsDir = Objects.requireNonNull(modelsDir, "modelsDir").toAbsolutePath().normalize();
    this.http = Objects.requireNonNull(http, "http");
  }

  /** Downloads a known export ({@link ClipDownloads}). */
  public Path download(ClipDownloads.Export export, Progress progress, Cancellation cancel) throws IOException {
    return download(export.id(), export.files(), progress, cancel);
  }

  /**
   * Downloads {@code files} as model {@code id}.
   *
   * @return the model folder
   * @throws ChecksumMismatchException when a file does not match its pin (that file's partial data
   *     is deleted; other completed files are kept for the next attempt)
   */
  public Path download(String id, List<ClipDownloads.PinnedFile> files, Progress progress,
      Cancellation cancel) throws IOException {
    ClipModels.checkId(id);
    Path target = modelsDir.resolve(id);
    if (Files.exists(target)) {
      throw new IOException("model '" + id + "' is already installed in " + target);
    }
    Path staging = modelsDir.resolve(".download-" + id);
    Files.createDirectories(staging);
    Map<String, String> hashes = new LinkedHashMap<>();
    for (ClipDownloads.PinnedFile f : files) {
      cancel.check();
      hashes.put(f.path(), fetch(f, staging, progress, cancel));
    }
    // Load before installing: a file that is complete and hashes right can still be the wrong file.
    try (ClipModel m = ClipModel.open(staging, 1)) {
      m.embedText("a photo");
    }
    ObjectNode marker = new ObjectMapper().createObjectNode();
    marker.put("id", id);
    marker.put("kind", "clip");
    marker.put("origin", "downloaded");
    ObjectNode sums = marker.putObject("sha256");
    hashes.forEach(sums::put);
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(staging.resolve(ClipModels.MARKER).toFile(), marker);
    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    return target;
  }

  private String fetch(ClipDownloads.PinnedFile f, Path staging, Progress progress, Cancellation cancel)
      throws IOException {
    Path done = staging.resolve(f.path()).normalize();
    if (!done.startsWith(staging)) {
      throw new IOException("file path escapes the model folder: " + f.path());
    }
    Files.createDirectories(done.getParent());
    if (Files.exists(done)) {
      // Finished in an earlier attempt; still re-checked against the pin.
      String sha = sha256(done);
      if (f.sha256().isEmpty() || f.sha256().get().equalsIgnoreCase(sha)) {
        return sha;
      }
      Files.delete(done);
    }
    Path part = done.resolveSibling(done.getFileName() + ".part");
    long have = Files.exists(part) ? Files.size(part) : 0;
    HttpRequest.Builder req = HttpRequest.newBuilder(f.url()).timeout(Duration.ofMinutes(10)).GET();
    if (have > 0) {
      req.header("Range", "bytes=" + have + "-");
    }
    HttpResponse<InputStream> resp;
    try {
      resp = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("download of " + f.url() + " interrupted", e);
    }
    int status = resp.statusCode();
    boolean append;
    long total;
    long length = resp.headers().firstValueAsLong("Content-Length").orElse(-1);
    if (status == 206 && have > 0) {
      append = true;
      total = length < 0 ? -1 : have + length;
    } else if (status == 200) {
      append = false; // server ignored the range (or nothing to resume): start over
      have = 0;
      total = length;
    } else if (status == 416 && have > 0) {
      // Range past the end: the part is already complete.
      resp.body().close();
      return finish(f, part, done);
    } else {
      resp.body().close();
      throw new IOException("download of " + f.url() + " failed: HTTP " + status);
    }
    try (InputStream in = resp.body();
        OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE,
            append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      byte[] buf = new byte[1 << 16];
      long n = have;
      int r;
      progress.update(f.path(), n, total);
      while ((r = in.read(buf)) >= 0) {
        cancel.check();
        out.write(buf, 0, r);
        n += r;
        progress.update(f.path(), n, total);
      }
      if (total >= 0 && n != total) {
        throw new IOException("download of " + f.url() + " ended after " + n + " of " + total
            + " bytes; run the download again to resume");
      }
    }
    return finish(f, part, done);
  }

  private static String finish(ClipDownloads.PinnedFile f, Path part, Path done) throws IOException {
    String sha = sha256(part);
    if (f.sha256().isPresent() && !f.sha256().get().equalsIgnoreCase(sha)) {
      Files.delete(part);
      throw new ChecksumMismatchException(f.path(), f.sha256().get(), sha);
    }
    Files.move(part, done, StandardCopyOption.ATOMIC_MOVE);
    return sha;
  }

  static String sha256(Path file) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      int r;
      while ((r = in.read(buf)) >= 0) {
        md.update(buf, 0, r);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
