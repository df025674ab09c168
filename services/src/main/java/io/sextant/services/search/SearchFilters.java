package io.sextant.services.search;

import io.sextant.services.index.ChunkFields;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Restrictions on which chunks a search may return. Every bound is inclusive; null or empty means
 * "no restriction".
 *
 * @param fileTypes allowed file types (extensions, case and a leading dot ignored); empty: any
 * @param folder only files under this folder (absolute path), at any depth; null: anywhere
 * @param modifiedFrom earliest last-modified time, epoch ms
 * @param modifiedTo latest last-modified time, epoch ms
 * @param minSize smallest file size in bytes
 * @param maxSize largest file size in bytes
 */
public record SearchFilters(
    Set<String> fileTypes,
    String folder,
    Long modifiedFrom,
    Long modifiedTo,
    Long minSize,
    Long maxSize) {

  public static final SearchFilters NONE = new SearchFilters(Set.of(), null, null, null, null, null);

  public SearchFilters {
    fileTypes = normaliseTypes(fileTypes);
    if (folder != null) {
      // Normalised exactly like the indexed ancestor terms, or the TermQuery would miss.
      folder = folder.isBlank() ? null : ChunkFields.folderKey(folder);
    }
    if (modifiedFrom != null && modifiedTo != null && modifiedFrom > modifiedTo) {
      throw new IllegalArgumentException(
          "modifiedFrom " + modifiedFrom + " is after modifiedTo " + modifiedTo);
    }
    if ((minSize != null && minSize < 0) || (maxSize != null && maxSize < 0)) {
      throw new IllegalArgumentException("sizes must be >= 0");
    }
    if (minSize != null && maxSize != null && minSize > maxSize) {
      throw new IllegalArgumentException("minSize " + minSize + " exceeds maxSize " + maxSize);
    }
  }

  private static Set<String> normaliseTypes(Set<String> types) {
    if (types == null || types.isEmpty()) {
      return Set.of();
    }
    TreeSet<String> out = new TreeSet<>();
    for (String t : types) {
      if (t == null) {
        throw new IllegalArgumentException("null file type");
      }
      String s = t.strip().toLowerCase(Locale.ROOT);
      out.add(s.startsWith(".") ? s.substring(1) : s);
    }
    return Set.copyOf(out);
  }

  /** Whether these filters restrict nothing. */
  public boolean isEmpty() {
    return fileTypes.isEmpty()
        && folder == null
        && modifiedFrom == null
        && modifiedTo == null
        && minSize == null
        && maxSize == null;
  }

  public SearchFilters withFileTypes(Set<String> types) {
    return new SearchFilters(types, folder, modifiedFrom, modifiedTo, minSize, maxSize);
  }

  public SearchFilters withFolder(String newFolder) {
    return new SearchFilters(fileTypes, newFolder, modifiedFrom, modifiedTo, minSize, maxSize);
  }

  public SearchFilters withModified(Long from, Long to) {
    return new SearchFilters(fileTypes, folder, from, to, minSize, maxSize);
  }

  public SearchFilters withSize(Long min, Long max) {
    return new SearchFilters(fileTypes, folder, modifiedFrom, modifiedTo, min, max);
  }
}
