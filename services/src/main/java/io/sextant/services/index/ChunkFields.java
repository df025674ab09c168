package io.sextant.services.index;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Names of the Lucene fields of a chunk document, and the helpers that turn values into the
 * exact terms stored there. Queries must go through these helpers so that, for example, a folder
 * filter normalises its path exactly as indexing did.
 */
public final class ChunkFields {

  /** Unique chunk id; the update/replace key. Indexed as one term, stored. */
  public static final String CHUNK_ID = "chunk_id";
  /** Groups the chunks of one document; the delete key. Term, stored, and sorted doc values. */
  public static final String DOC_KEY = "doc_key";
  /** Catalog id of the file, or -1. Points + doc values, stored. */
  public static final String FILE_ID = "file_id";
  /** Path shown to users. Stored only. */
  public static final String PATH = "path";
  /** Title shown to users. Stored only. */
  public static final String TITLE = "title";
  /** Lower-case extension without the dot, or "". Term, stored. */
  public static final String TYPE = "type";
  /** Parent directory of the file. Stored only; filtering uses {@link #FOLDER_PATH}. */
  public static final String FOLDER = "folder";
  /** Every ancestor folder of the file, one term each, so "under this folder" is a TermQuery. */
  public static final String FOLDER_PATH = "folder_path";
  /** Last-modified time, epoch ms. Points + doc values, stored. */
  public static final String MODIFIED = "modified";
  /** File size in bytes. Points + doc values, stored. */
  public static final String SIZE = "size";
  /** 1-based page or 0. Stored only. */
  public static final String PAGE = "page";
  /** Position of the chunk within its document. Stored only. */
  public static final String ORDINAL = "ordinal";
  /** Character offset of the chunk's start in the document text. Stored only. */
  public static final String START = "start";
  /** Character offset one past the chunk's end. Stored only. */
  public static final String END = "end";
  /**
   * Chunk text, analysed for BM25. Stored in segments written before {@link #HIT} existed; newer
   * ones keep it in the hit record only.
   */
  public static final String TEXT = "text";
  /** What a search result shows of the chunk, one binary doc value (see {@link HitRecords}). */
  public static final String HIT = "hit";
  /** Prefix of the per-model vector fields. */
  public static final String VECTOR_PREFIX = "vec_";

  /**
   * Lucene caps an indexed term at 32,766 UTF-8 bytes; at most 3 bytes per UTF-16 char (4 per
   * surrogate pair) keeps 8,000 chars safely under it.
   */
  public static final int MAX_TERM_CHARS = 8_000;

  /** Same rule as {@code ModelManifest#id}: ids become part of field names. */
  private static final Pattern MODEL_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  private ChunkFields() {}

  /** The vector field holding embeddings of model {@code modelId}. */
  public static String vectorField(String modelId) {
    return VECTOR_PREFIX + checkModelId(modelId);
  }

  /** Whether {@code field} is a per-model vector field. */
  public static boolean isVectorField(String field) {
    return field.startsWith(VECTOR_PREFIX) && field.length() > VECTOR_PREFIX.length();
  }

  /** The model id of a vector field; inverse of {@link #vectorField}. */
  public static String modelOf(String vectorField) {
    if (!isVectorField(vectorField)) {
      throw new IllegalArgumentException("not a vector field: " + vectorField);
    }
    return vectorField.substring(VECTOR_PREFIX.length());
  }

  /** Returns {@code modelId} if it is a valid model id, else throws. */
  public static String checkModelId(String modelId) {
    if (modelId == null || !isModelId(modelId)) {
      throw new IllegalArgumentException(
          "model id must match " + MODEL_ID.pattern() + ", got " + modelId);
    }
    return modelId;
  }

  /**
   * Whether {@code s} matches {@link #MODEL_ID}, without the regex engine: every search checks its
   * model id (request, field name), and a matcher per check cost about 0.5 % of an HNSW search.
   */
  static boolean isModelId(String s) {
    int n = s.length();
    if (n < 1 || n > 64 || !lowerOrDigit(s.charAt(0))) {
      return false;
    }
    for (int i = 1; i < n; i++) {
      char c = s.charAt(i);
      if (!lowerOrDigit(c) && c != '.' && c != '_' && c != '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean lowerOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  /**
   * The term under which {@code folder} is indexed in {@link #FOLDER_PATH}: the path normalised
   * ("a/./b/" and "a/b" are the same folder), so filters match however the user typed it.
   */
  public static String folderKey(String folder) {
    if (folder == null || folder.isBlank()) {
      throw new IllegalArgumentException("folder is empty");
    }
    try {
      return Path.of(folder).normalize().toString();
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("not a valid folder path: " + folder, e);
    }
  }

  /** {@code folder} and every ancestor of it, nearest first; empty for "". */
  public static List<String> ancestorFolders(String folder) {
    List<String> out = new ArrayList<>();
    if (folder.isEmpty()) {
      return out;
    }
    for (Path p = Path.of(folderKey(folder)); p != null; p = p.getParent()) {
      String s = p.toString();
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }
}
