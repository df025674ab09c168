package io.sextant.services.photos;

import io.sextant.services.catalog.Catalog;
import io.sextant.services.catalog.FileStatus;
import io.sextant.services.catalog.Hashing;
import io.sextant.services.catalog.ImageRecord;
import io.sextant.services.clip.ClipModel;
import io.sextant.services.images.DecodedImage;
import io.sextant.services.images.ImageDecodeException;
import io.sextant.services.images.ImageDecoder;
import io.sextant.services.images.ImageMetadata;
import io.sextant.services.images.RgbImage;
import io.sextant.services.images.Thumbnails;
import io.sextant.services.index.ChunkIndex;
import io.sextant.services.index.IndexedChunk;
import io.sextant.services.indexing.IngestListener;
import io.sextant.services.indexing.IngestReport;
import io.sextant.services.ingest.FileWalker;
import io.sextant.services.task.Cancellation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Brings the images under some folders into a workspace: unchanged files (same size and mtime)
 * are skipped; changed ones are hashed, decoded upright, their EXIF stored, a thumbnail cached,
 * embedded by the CLIP vision tower (through the embedding cache, keyed by content hash, so a
 * moved or re-added image is not embedded again), and indexed as one document. One bad image is
 * recorded as failed with its reason and never stops the run.
 */
public final class PhotoIngest {
  /** Images per vision-tower run. */
  static final int BATCH = 16;
  /** Prefix of image keys in the embedding cache (whose keys are otherwise text hashes). */
  /** Key prefix of image vectors in the catalog's embedding cache (then the content hash). */
  public static final String CACHE_PREFIX = "image:";

  private final Catalog catalog;
  private final ChunkIndex index;
  private final ClipModel clip;
  private final String clipId;
  private final String clipVersion;
  private final Thumbnails thumbnails;
  private final ImageDecoder decoder = new ImageDecoder();

  /**
   * @param clipVersion identifies the model's weights for the cache (e.g. the vision file's
   *     SHA-256), so replacing the weights never serves old vectors
   */
  public PhotoIngest(Catalog catalog, ChunkIndex index, ClipModel clip, String clipId, String clipVersion,
      Thumbnails thumbnails) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.index = Objects.requireNonNull(index, "index");
    this.clip = Objects.requireNonNull(clip, "clip");
    this.clipId = Objects.requireNonNull(clipId, "clipId");
    this.clipVersion = Objects.requireNonNull(clipVersion, "clipVersion");
    this.thumbnails = Objects.requireNonNull(thumbnails, "thumbnails");
  }

  private record Pending(long sourceId, Path file, long size, long mtime, String hash, DecodedImage img) {}

  public IngestReport ingest(List<Path> roots, IngestListener listener, Cancellation cancel) throws IOException {
    long t0 = System.nanoTime();
    List<IngestReport.Failure> failures = new ArrayList<>();
    int seen = 0;
    int indexed = 0;
    int unchanged = 0;
    int deleted = 0;
    long embedded = 0;
    List<Pending> batch = new ArrayList<>();
    for (Path root : roots) {
      Path abs = root.toAbsolutePath().normalize();
      long sourceId = catalog.addSource(abs);
      FileWalker.Listing listing = new FileWalker(List.of(abs), ImageDecoder.EXTENSIONS).list();
      Set<String> present = new HashSet<>();
      for (Path file : listing.files()) {
        cancel.check();
        seen++;
        present.add(file.toString());
        try {
          BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
          long size = a.size();
          long mtime = a.lastModifiedTime().toMillis();
          var existing = catalog.image(file.toString());
          if (existing.isPresent() && existing.get().size() == size && existing.get().mtimeMs() == mtime) {
            unchanged++;
            if (existing.get().status() == FileStatus.FAILED) {
              failures.add(new IngestReport.Failure(file.toString(), existing.get().error()));
            }
            listener.fileDone(file, seen, listing.files().size(), null);
            continue;
          }
          String hash = Hashing.sha256Hex(file);
          DecodedImage img = decoder.decode(file);
          thumbnails.ensure(hash, img.pixels());
          batch.add(new Pending(sourceId, file, size, mtime, hash, img));
          listener.fileDone(file, seen, listing.files().size(), null);
        } catch (ImageDecodeException e) {
          fail(sourceId, file, e.getMessage(), failures);
          listener.fileDone(file, seen, listing.files().size(), e.getMessage());
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
          String reason = "cannot index image " + file + ": " + e;
          fail(sourceId, file, reason, failures);
          listener.fileDone(file, seen, listing.files().size(), reason);
        }
        if (batch.size() >= BATCH) {
          embedded += flush(batch);
          indexed += batch.size();
          batch.clear();
        }
      }
      for (var p : listing.problems()) {
        failures.add(new IngestReport.Failure(p.path().toString(), p.reason()));
      }
      embedded += flush(batch);
      indexed += batch.size();
      batch.clear();
      // images that disappeared from this source
      for (ImageRecord r : catalog.images(sourceId)) {
        if (!present.contains(r.path())) {
          index.deleteDoc(r.path());
          catalog.deleteImage(r.id());
          deleted++;
        }
      }
      index.commit();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new IngestReport(seen, indexed, unchanged, failures.size(), deleted, indexed, embedded, 0,
        seconds, failures);
  }

  private void fail(long sourceId, Path file, String reason, List<IngestReport.Failure> failures) {
    failures.add(new IngestReport.Failure(file.toString(), reason));
    long size = 0;
    long mtime = 0;
    try {
      size = Files.size(file);
      mtime = Files.getLastModifiedTime(file).toMillis();
    } catch (IOException ignored) {
      // recorded with zero size: the next run retries it
    }
    try {
      index.deleteDoc(file.toString());
    } catch (IOException ignored) {
      // nothing indexed for it
    }
    catalog.putImage(new ImageRecord(0, sourceId, file.toString(), size, mtime, null, 0, 0, null, 1,
        null, null, null, FileStatus.FAILED, reason));
  }

  /** Embeds (cache first), indexes, commits, then catalogs a batch; returns images embedded. */
  private int flush(List<Pending> batch) throws IOException {
    if (batch.isEmpty()) {
      return 0;
    }
    List<String> keys = batch.stream().map(p -> CACHE_PREFIX + p.hash).toList();
    Map<String, float[]> cached = new HashMap<>(catalog.cachedEmbeddings(clipId, clipVersion, keys));
    List<Pending> todo = batch.stream().filter(p -> !cached.containsKey(CACHE_PREFIX + p.hash)).toList();
    if (!todo.isEmpty()) {
      List<RgbImage> imgs = todo.stream().map(p -> p.img.pixels()).toList();
      List<float[]> vecs = clip.embedImages(imgs);
      Map<String, float[]> fresh = new HashMap<>();
      for (int i = 0; i < todo.size(); i++) {
        fresh.put(CACHE_PREFIX + todo.get(i).hash, vecs.get(i));
      }
      catalog.putEmbeddings(clipId, clipVersion, fresh);
      cached.putAll(fresh);
    }
    List<ImageRecord> records = new ArrayList<>();
    for (Pending p : batch) {
      ImageMetadata m = p.img.metadata();
      ImageRecord r = new ImageRecord(0, p.sourceId, p.file.toString(), p.size, p.mtime, p.hash,
          m.width(), m.height(), m.format(), m.orientation(), m.taken().map(Object::toString).orElse(null),
          m.cameraMake().orElse(null), m.cameraModel().orElse(null), FileStatus.INDEXED, null);
      records.add(r);
      index.deleteDoc(p.file.toString());
      index.add(document(p, m, cached.get(CACHE_PREFIX + p.hash)));
    }
    index.commit();
    records.forEach(catalog::putImage);
    return todo.size();
  }

  private IndexedChunk document(Pending p, ImageMetadata m, float[] vector) {
    String name = p.file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String ext = dot > 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    // The text field lets keyword search and snippets show something meaningful for an image.
    StringBuilder text = new StringBuilder(name);
    m.camera().ifPresent(c -> text.append(" · ").append(c));
    m.taken().ifPresent(t -> text.append(" · ").append(t.toLocalDate()));
    text.append(" · ").append(m.width()).append('×').append(m.height());
    Path parent = p.file.getParent();
    return new IndexedChunk(p.file + "#image", p.file.toString(), -1, p.file.toString(), name, ext,
        parent == null ? "" : parent.toString(), text.toString(), 0, 0, text.length(), 0, p.mtime,
        p.size, Map.of(clipId, vector));
  }
}
