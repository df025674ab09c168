package io.sextant.services.browse;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the indexed files offer to filter on.
 *
 * @param fileTypes indexed files per lower-case extension ("" for none), sorted by extension
 * @param oldestModified earliest last-modified time of an indexed file, epoch ms, or null if none
 * @param newestModified latest last-modified time of an indexed file, epoch ms, or null if none
 */
public record Facets(Map<String, Integer> fileTypes, Long oldestModified, Long newestModified) {

  public static final Facets EMPTY = new Facets(Map.of(), null, null);

  public Facets {
    fileTypes = java.util.Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(fileTypes)));
    if ((oldestModified == null) != (newestModified == null)) {
      throw new IllegalArgumentException("both ends of the date range or neither");
    }
    if (oldestModified != null && oldestModified > newestModified) {
      throw new IllegalArgumentException("oldest " + oldestModified + " after newest " + newestModified);
    }
  }
}
