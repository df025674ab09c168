package io.sextant.services.search;

import java.util.List;

/** A plain-text excerpt and the {@code [start, end)} ranges of matched query terms within it. */
record Snippet(String text, List<int[]> highlights) {
  Snippet {
    highlights = List.copyOf(highlights);
  }
}
