package io.sextant.services.clip;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sextant.services.model.InvalidModelException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The CLIP models of a models folder: {@code <modelsDir>/<id>/} holding a CLIP export (either
 * {@link ClipLayout layout}) and a {@code clip.json} marker written by an import or download.
 * The marker is what tells these folders from text models ({@code ModelRegistry} skips them).
 */
public final class ClipModels {
  /** Marker file of a CLIP model folder. */
  public static final String MARKER = "clip.json";

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  private final Path modelsDir;

  public ClipModels(Path modelsDir) {
    this.modelsDir = Objects.requireNonNull(modelsDir, "modelsDir").toAbsolutePath().normalize();
  }

  /** Whether a folder is a CLIP model folder (has the marker). */
  public static boolean isClipFolder(Path dir) {
    return Files.isRegularFile(dir.resolve(MARKER));
  }

  public Path modelsDir() {
    return modelsDir;
  }

  /** An entry of {@link #list()}: a usable model, or a broken one with the reason. */
  public record Entry(String id, Path dir, boolean usable, String problem) {}

  /** Every CLIP model folder, by id; a bad folder is listed with its problem, never thrown. */
  public List<Entry> list() {
    List<Entry> out = new ArrayList<>();
    if (!Files.isDirectory(modelsDir)) {
      return out;
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(modelsDir)) {
      for (Path p : s) {
        String name = p.getFileName().toString();
        if (name.startsWith(".") || !Files.isDirectory(p) || !isClipFolder(p)) {
          continue;
        }
        try {
          ClipLayout.find(p);
          out.add(new Entry(name, p, true, ""));
        } catch (InvalidModelException e) {
          out.add(new Entry(name, p, false, e.getMessage()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list models folder " + modelsDir, e);
    }
    out.sort((a, b) -> a.id().compareTo(b.id()));
    return out;
  }

  /** Whether {@code id} names a CLIP model folder here. */
  public boolean contains(String id) {
    return id != null && ID.matcher(id).matches() && isClipFolder(modelsDir.resolve(id));
  }

  /** The folder of a CLIP model. */
  public Path dir(String id) {
    if (!contains(id)) {
      throw new IllegalArgumentException("unknown CLIP model '" + id + "'; known: "
          + list().stream().map(Entry::id).toList() + " (import one with 'sextant models import --clip DIR'"
          + " or download one with 'sextant models download " + ClipDownloads.DEFAULT + "')");
    }
    return modelsDir.resolve(id);
  }

  /** Loads a CLIP model. */
  public ClipModel open(String id, int threads) {
    return ClipModel.open(dir(id), threads);
  }

  /**
   * Copies an existing CLIP export into the models folder under {@code id}: checked first
   * (both towers load), copied into a hidden folder, then moved into place in one step, so a
   * failed import leaves nothing half-written.
   */
  public Path importFolder(Path source, String id) throws IOException {
    checkId(id);
    Path target = modelsDir.resolve(id);
    if (Files.exists(target)) {
      throw new IOException("a model named '" + id + "' already exists in " + modelsDir);
    }
    try (ClipModel m = ClipModel.open(source, 1)) {
      m.embedText("a photo");
    }
    Files.createDirectories(modelsDir);
    Path tmp = Files.createTempDirectory(modelsDir, ".import-" + id + "-");
    try {
      copyTree(source, tmp);
      writeMarker(tmp, id, "imported from " + source.toAbsolutePath());
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } catch (IOException | RuntimeException e) {
      deleteTree(tmp);
      throw e;
    }
  }

  static void writeMarker(Path dir, String id, String origin) throws IOException {
    ObjectNode n = new ObjectMapper().createObjectNode();
    n.put("id", id);
    n.put("kind", "clip");
    n.put("origin", origin);
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(dir.resolve(MARKER).toFile(), n);
  }

  static void checkId(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("model id must match " + ID.pattern() + ", got '" + id + "'");
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Files.createDirectories(to.resolve(from.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var s = Files.walk(dir)) {
      s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // best effort: a leftover hidden folder is ignored by every listing
        }
      });
    } catch (IOException ignored) {
      // as above
    }
  }
}
