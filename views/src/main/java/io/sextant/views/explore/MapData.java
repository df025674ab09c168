package io.sextant.views.explore;

import java.util.List;
import java.util.Objects;

/**
 * A projection ready to draw: one 2-D position per item, and what each item is.
 *
 * @param modelId the model whose vectors were projected
 * @param method how ("PCA", "UMAP n=15 d=0.1 cosine", ...)
 * @param xs x per item
 * @param ys y per item
 * @param items the chunks (or images) in the same order
 * @param millis how long the projection took (0 when it came from the cache)
 */
public record MapData(String modelId, String method, float[] xs, float[] ys, List<MapItem> items, long millis) {

  public MapData {
    Objects.requireNonNull(modelId, "modelId");
    Objects.requireNonNull(method, "method");
    items = List.copyOf(items);
    if (xs.length != ys.length || xs.length != items.size()) {
      throw new IllegalArgumentException("one x, y and item per point: " + xs.length + ", "
          + ys.length + ", " + items.size());
    }
  }

  public int size() {
    return xs.length;
  }

  /**
   * One point of the map.
   *
   * @param chunkId the chunk's id in the index
   * @param docKey its file's key (the path)
   * @param title its file's title
   * @param ordinal passage number in the file, from 0
   * @param page page, or 0
   * @param fileType lower-case extension
   * @param folder the file's folder
   * @param preview the start of the passage, for hover
   * @param image whether the point is an image (hover shows its thumbnail) rather than a passage
   */
  public record MapItem(String chunkId, String docKey, String title, int ordinal, int page,
      String fileType, String folder, String preview, boolean image) {
    public MapItem {
      Objects.requireNonNull(chunkId, "chunkId");
      Objects.requireNonNull(docKey, "docKey");
      title = title == null ? "" : title;
      fileType = fileType == null ? "" : fileType;
      folder = folder == null ? "" : folder;
      preview = preview == null ? "" : preview;
    }

    /** A passage of a document. */
    public MapItem(String chunkId, String docKey, String title, int ordinal, int page,
        String fileType, String folder, String preview) {
      this(chunkId, docKey, title, ordinal, page, fileType, folder, preview, false);
    }
  }
}
