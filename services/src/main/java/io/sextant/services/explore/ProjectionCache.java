package io.sextant.services.explore;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Computed layouts kept as files in a workspace folder, one per model, corpus fingerprint and
 * settings: a UMAP of 100,000 passages costs a minute, reading it back a few milliseconds. A
 * changed corpus or model changes the fingerprint, so a stale map is never shown; old files are
 * replaced when the same model and settings are computed again.
 */
public final class ProjectionCache {

  private static final Logger LOG = Logger.getLogger(ProjectionCache.class.getName());
  private static final int MAGIC = 0x53584d31; // "SXM1"

  private final Path dir;

  public ProjectionCache(Path dir) {
    this.dir = Objects.requireNonNull(dir, "dir");
  }

  /** The cached layout, if one was stored for exactly this model, corpus and settings. */
  public Optional<Layout> get(String modelId, String fingerprint, String settings) {
    Path file = file(modelId, settings);
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new GZIPInputStream(raw, 1 << 16))) {
      if (in.readInt() != MAGIC || !in.readUTF().equals(fingerprint)) {
        return Optional.empty();
      }
      String method = in.readUTF();
      int n = in.readInt();
      float[] xs = new float[n];
      float[] ys = new float[n];
      for (int i = 0; i < n; i++) {
        xs[i] = in.readFloat();
        ys[i] = in.readFloat();
      }
      return Optional.of(new Layout(method, xs, ys, 0));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      // a damaged cache file only costs a recomputation
      LOG.log(Level.WARNING, "ignoring unreadable map cache " + file + ": " + e);
      return Optional.empty();
    }
  }

  /** Stores a layout (atomically: a crash leaves the old file or the new one). */
  public void put(String modelId, String fingerprint, String settings, Layout layout) throws IOException {
    Files.createDirectories(dir);
    Path file = file(modelId, settings);
    Path tmp = Files.createTempFile(dir, "map", ".tmp");
    try {
      try (OutputStream raw = Files.newOutputStream(tmp);
          DataOutputStream out = new DataOutputStream(new GZIPOutputStream(raw, 1 << 16))) {
        out.writeInt(MAGIC);
        out.writeUTF(fingerprint);
        out.writeUTF(layout.method());
        out.writeInt(layout.size());
        for (int i = 0; i < layout.size(); i++) {
          out.writeFloat(layout.xs()[i]);
          out.writeFloat(layout.ys()[i]);
        }
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  Path file(String modelId, String settings) {
    MessageDigest md = VectorSet.sha256();
    String key = HexFormat.of().formatHex(md.digest(settings.getBytes(StandardCharsets.UTF_8))).substring(0, 12);
    return dir.resolve(modelId.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + key + ".map.gz");
  }
}
