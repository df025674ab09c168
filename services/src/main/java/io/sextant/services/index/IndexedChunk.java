package io.sextant.services.index;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One chunk as it goes into the index: its text, where it comes from, and one unit vector per
 * embedding model.
 *
 * <p>The constructor copies {@code vectors} (arrays included) into an unmodifiable map, so later
 * changes to the caller's arrays cannot alter what gets indexed. Do not modify the arrays the
 * accessor returns.
 *
 * @param chunkId unique id of the chunk; adding a chunk with an existing id replaces it
 * @param docKey groups the chunks of one document and is the delete key; for files the absolute
 *     path
 * @param fileId catalog id of the file, or -1 when there is none
 * @param path path shown to users
 * @param title title shown to users
 * @param fileType lower-case extension without the dot, or ""
 * @param folder parent directory path, or ""
 * @param text the chunk's text
 * @param ordinal position of the chunk within its document, from 0
 * @param start character offset of the chunk in the document text
 * @param end character offset one past the chunk's end
 * @param page 1-based page the chunk starts on, or 0
 * @param modifiedMillis last-modified time of the document, epoch ms
 * @param sizeBytes size of the document in bytes
 * @param vectors model id to unit-length embedding; may be empty (keyword-only chunk)
 */
public record IndexedChunk(
    String chunkId,
    String docKey,
    long fileId,
    String path,
    String title,
    String fileType,
    String folder,
    String text,
    int ordinal,
    int start,
    int end,
    int page,
    long modifiedMillis,
    long sizeBytes,
    Map<String, float[]> vectors) {

  public IndexedChunk {
    checkTerm(chunkId, "chunkId");
    checkTerm(docKey, "docKey");
    if (fileId < -1) {
      throw new IllegalArgumentException("fileId must be >= 0 or -1, got " + fileId);
    }
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(fileType, "fileType");
    if (!fileType.equals(fileType.toLowerCase(Locale.ROOT))
        || fileType.startsWith(".")
        || fileType.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException(
          "fileType must be a lower-case extension without the dot, got '" + fileType + "'");
    }
    Objects.requireNonNull(folder, "folder");
    if (folder.length() > ChunkFields.MAX_TERM_CHARS) {
      throw new IllegalArgumentException("folder is longer than " + ChunkFields.MAX_TERM_CHARS);
    }
    Objects.requireNonNull(text, "text");
    if (ordinal < 0 || start < 0 || end < start || page < 0) {
      throw new IllegalArgumentException(
          "bad position: ordinal=" + ordinal + " start=" + start + " end=" + end + " page=" + page);
    }
    if (sizeBytes < 0) {
      throw new IllegalArgumentException("sizeBytes must be >= 0, got " + sizeBytes);
    }
    vectors = copyVectors(Objects.requireNonNull(vectors, "vectors"), chunkId);
  }

  private static void checkTerm(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isEmpty() || value.length() > ChunkFields.MAX_TERM_CHARS) {
      throw new IllegalArgumentException(
          name + " must have 1.." + ChunkFields.MAX_TERM_CHARS + " chars, got " + value.length());
    }
  }

  private static Map<String, float[]> copyVectors(Map<String, float[]> in, String chunkId) {
    // Sorted so documents list their vector fields in a stable order.
    TreeMap<String, float[]> out = new TreeMap<>();
    for (Map.Entry<String, float[]> e : in.entrySet()) {
      String model = ChunkFields.checkModelId(e.getKey());
      float[] v = Objects.requireNonNull(e.getValue(), "vector of model " + model);
      VectorMath.checkFinite(v);
      // DOT_PRODUCT similarity only ranks correctly when every vector has unit length; a stray
      // un-normalised vector would outrank everything, so refuse it here rather than mis-rank.
      if (!VectorMath.isUnit(v)) {
        throw new IllegalArgumentException(
            "vector of model " + model + " for chunk " + chunkId + " is not unit length");
      }
      out.put(model, v.clone());
    }
    return Collections.unmodifiableMap(out);
  }
}
