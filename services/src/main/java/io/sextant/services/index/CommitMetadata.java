package io.sextant.services.index;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What Sextant writes into each Lucene commit's user data: the {@link IndexSettings} the index
 * was built with and the models whose vectors it holds. Reading it back needs no IndexWriter, so
 * a caller can decide to rebuild before opening the index for writing.
 */
final class CommitMetadata {

  /** Bumped whenever the document layout changes incompatibly; a mismatch means "rebuild". */
  static final String LAYOUT_VERSION = "1";

  static final String KEY_LAYOUT = "sextant.layout";
  static final String KEY_HNSW_M = "sextant.hnswM";
  static final String KEY_BEAM = "sextant.beamWidth";
  static final String KEY_ENCODING = "sextant.encoding";
  static final String KEY_MODELS = "sextant.vectorModels";

  private CommitMetadata() {}

  static Map<String, String> write(IndexSettings settings, Collection<String> models) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put(KEY_LAYOUT, LAYOUT_VERSION);
    data.put(KEY_HNSW_M, Integer.toString(settings.hnswM()));
    data.put(KEY_BEAM, Integer.toString(settings.beamWidth()));
    data.put(KEY_ENCODING, settings.encoding().name());
    // Model ids cannot contain commas (see ChunkFields#checkModelId).
    data.put(KEY_MODELS, String.join(",", new TreeSet<>(models)));
    return data;
  }

  /** The settings recorded in {@code data}, or empty if absent, of another layout or unreadable. */
  static Optional<IndexSettings> readSettings(Map<String, String> data) {
    if (!LAYOUT_VERSION.equals(data.get(KEY_LAYOUT))) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new IndexSettings(
              Integer.parseInt(data.get(KEY_HNSW_M)),
              Integer.parseInt(data.get(KEY_BEAM)),
              VectorEncoding.valueOf(data.get(KEY_ENCODING))));
    } catch (RuntimeException e) { // missing key, bad number, unknown encoding, out of range
      return Optional.empty();
    }
  }

  static Set<String> readModels(Map<String, String> data) {
    String s = data.get(KEY_MODELS);
    if (s == null || s.isEmpty()) {
      return Set.of();
    }
    return Collections.unmodifiableSet(new TreeSet<>(Arrays.asList(s.split(","))));
  }
}
