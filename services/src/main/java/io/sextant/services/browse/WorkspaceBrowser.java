package io.sextant.services.browse;

import io.sextant.services.catalog.Catalog;
import io.sextant.services.catalog.ChunkRecord;
import io.sextant.services.catalog.FileRecord;
import io.sextant.services.catalog.FileStatus;
import io.sextant.services.catalog.SourceRecord;
import io.sextant.services.model.TextEmbedder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * Answers the workbench's questions about a workspace from its catalog. Each call is one short
 * read; callers run it off the UI thread (the catalog serialises access itself).
 */
public final class WorkspaceBrowser {

  private final Catalog catalog;

  public WorkspaceBrowser(Catalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  /** Every source with its file counts, in the order they were added. */
  public List<SourceSummary> sources() {
    List<SourceSummary> out = new ArrayList<>();
    for (SourceRecord s : catalog.sources()) {
      int indexed = 0;
      int failed = 0;
      long chunks = 0;
      long bytes = 0;
      for (FileRecord f : catalog.files(s.id())) {
        if (f.status() == FileStatus.INDEXED) {
          indexed++;
          bytes += f.size();
        } else {
          failed++;
        }
      }
      chunks = catalog.chunkCount(s.id());
      out.add(new SourceSummary(s.id(), s.root(), s.addedAt(), indexed, failed, chunks, bytes));
    }
    return out;
  }

  /**
   * Files that could not be indexed, each with its reason, and files indexed only in part
   * (truncated, with a note saying what was left out), sorted by path.
   */
  public List<FileRecord> failures() {
    List<FileRecord> failed = new ArrayList<>(catalog.failedFiles());
    failed.addAll(catalog.notedFiles());
    failed.sort(Comparator.comparing(FileRecord::path));
    return failed;
  }

  /** File types and the date range of the indexed files. */
  public Facets facets() {
    Map<String, Integer> types = new HashMap<>();
    Long oldest = null;
    Long newest = null;
    for (SourceRecord s : catalog.sources()) {
      for (FileRecord f : catalog.files(s.id())) {
        if (f.status() != FileStatus.INDEXED) {
          continue;
        }
        types.merge(extension(f.path()), 1, Integer::sum);
        oldest = oldest == null ? f.mtimeMs() : Math.min(oldest, f.mtimeMs());
        newest = newest == null ? f.mtimeMs() : Math.max(newest, f.mtimeMs());
      }
    }
    return new Facets(types, oldest, newest);
  }

  /**
   * The chunk {@code ordinal} of the file at {@code path} with up to {@code radius} neighbours on
   * each side.
   *
   * @throws NoSuchElementException if the file is not indexed (any more) or has no such chunk
   */
  public ChunkContext context(String path, int ordinal, int radius) {
    Objects.requireNonNull(path, "path");
    if (ordinal < 0 || radius < 0) {
      throw new IllegalArgumentException("ordinal and radius must be >= 0");
    }
    FileRecord file = catalog.file(path)
        .filter(f -> f.status() == FileStatus.INDEXED)
        .orElseThrow(() -> new NoSuchElementException(path + " is not in the index any more"));
    List<ChunkRecord> chunks = catalog.chunks(file.id());
    int at = -1;
    for (int i = 0; i < chunks.size(); i++) {
      if (chunks.get(i).ordinal() == ordinal) {
        at = i;
        break;
      }
    }
    if (at < 0) {
      throw new NoSuchElementException(path + " has no chunk " + ordinal + " (it changed since)");
    }
    return new ChunkContext(file, chunks.subList(Math.max(0, at - radius), at), chunks.get(at),
        chunks.subList(at + 1, Math.min(chunks.size(), at + 1 + radius)), chunks.size());
  }

  /**
   * The vector {@code embedder} gave the chunk when it was indexed, from the embedding cache;
   * empty if the cache has none (for instance after the model file changed).
   */
  public Optional<float[]> vectorOf(ChunkRecord chunk, TextEmbedder embedder) {
    Objects.requireNonNull(chunk, "chunk");
    Objects.requireNonNull(embedder, "embedder");
    Map<String, float[]> hit = catalog.cachedEmbeddings(embedder.manifest().id(),
        embedder.manifest().onnxSha256(), List.of(chunk.textHash()));
    return Optional.ofNullable(hit.get(chunk.textHash()));
  }

  static String extension(String path) {
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    String name = path.substring(slash + 1);
    int dot = name.lastIndexOf('.');
    return dot <= 0 || dot == name.length() - 1 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
