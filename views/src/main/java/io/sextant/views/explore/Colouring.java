package io.sextant.views.explore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns "colour by cluster / file type / folder" into a category per point, a palette and a
 * legend. Only the most common values get their own colour; the rest share grey as "other", since
 * more than a dozen hues cannot be told apart.
 */
public final class Colouring {

  /** What colours the points. */
  public enum By { CLUSTER, FILE_TYPE, FOLDER, AGREEMENT }

  /** One legend row. */
  public record Entry(String name, int argb, int count) {}

  /** The result: category per point, palette indexed by category, legend in palette order. */
  public record Result(int[] category, int[] palette, List<Entry> legend) {}

  public static final int MAX_COLOURS = 11;

  private Colouring() {}

  public static Result of(MapData map, Clustering clusters, By by) {
    return switch (by) {
      case CLUSTER -> clusters == null ? single(map) : byCluster(clusters);
      case FILE_TYPE -> byValue(map, i -> map.items().get(i).fileType().isEmpty() ? "(none)" : map.items().get(i).fileType());
      case FOLDER -> byValue(map, i -> map.items().get(i).folder());
      case AGREEMENT -> single(map); // until the per-point values arrive: see ofAgreement
    };
  }

  /** Five bins of shared neighbours, low to high (viridis stops: ordered and colour-blind safe). */
  static final int[] AGREEMENT_COLOURS = {0xFF440154, 0xFF3B528B, 0xFF21918C, 0xFF5EC962, 0xFFFDE725};

  /**
   * Colours by each point's neighbour agreement with another model (share of its k nearest
   * neighbours both models pick), in five bins of 20 %; points not scored (NaN: a large corpus is
   * sampled) are grey.
   */
  public static Result ofAgreement(double[] shared, int k) {
    int bins = AGREEMENT_COLOURS.length;
    int[] cat = new int[shared.length];
    int[] counts = new int[bins + 1];
    for (int i = 0; i < shared.length; i++) {
      double v = shared[i];
      cat[i] = Double.isNaN(v) ? bins : Math.min(bins - 1, (int) Math.floor(v * bins));
      counts[cat[i]]++;
    }
    int[] palette = java.util.Arrays.copyOf(AGREEMENT_COLOURS, bins + 1);
    palette[bins] = Palette.NOISE;
    List<Entry> legend = new ArrayList<>();
    for (int b = bins - 1; b >= 0; b--) {
      legend.add(new Entry(String.format(java.util.Locale.ROOT, "%d–%d %% of %d neighbours shared",
          b * 100 / bins, (b + 1) * 100 / bins, k), palette[b], counts[b]));
    }
    if (counts[bins] > 0) {
      legend.add(new Entry("not scored (sampled)", palette[bins], counts[bins]));
    }
    return new Result(cat, palette, legend);
  }

  private static Result single(MapData map) {
    int[] cat = new int[map.size()];
    int[] palette = Palette.categorical(1, false);
    String all = map.size() > 0 && map.items().get(0).image() ? "all images" : "all passages";
    return new Result(cat, palette, List.of(new Entry(all, palette[0], map.size())));
  }

  private static Result byCluster(Clustering c) {
    int n = c.names().size();
    boolean noise = false;
    int[] counts = new int[n + 1];
    int[] cat = new int[c.labels().length];
    for (int i = 0; i < cat.length; i++) {
      int l = c.labels()[i];
      if (l < 0) {
        noise = true;
        cat[i] = n;
      } else {
        cat[i] = l;
      }
      counts[cat[i]]++;
    }
    int[] palette = Palette.categorical(n + 1, true);
    List<Entry> legend = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      legend.add(new Entry(c.names().get(k), palette[k], counts[k]));
    }
    if (noise) {
      legend.add(new Entry("noise", palette[n], counts[n]));
    }
    return new Result(cat, palette, legend);
  }

  private static Result byValue(MapData map, Function<Integer, String> value) {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < map.size(); i++) {
      counts.merge(value.apply(i), 1, Integer::sum);
    }
    List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
    sorted.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
        .thenComparing(Map.Entry.comparingByKey()));
    int own = Math.min(MAX_COLOURS, sorted.size());
    boolean other = sorted.size() > own;
    Map<String, Integer> index = new HashMap<>();
    for (int k = 0; k < own; k++) {
      index.put(sorted.get(k).getKey(), k);
    }
    int[] palette = Palette.categorical(own + (other ? 1 : 0), other);
    int[] cat = new int[map.size()];
    int otherCount = 0;
    for (int i = 0; i < cat.length; i++) {
      Integer k = index.get(value.apply(i));
      cat[i] = k == null ? own : k;
      if (k == null) {
        otherCount++;
      }
    }
    List<Entry> legend = new ArrayList<>();
    for (int k = 0; k < own; k++) {
      legend.add(new Entry(sorted.get(k).getKey(), palette[k], sorted.get(k).getValue()));
    }
    if (other) {
      legend.add(new Entry("other (" + (sorted.size() - own) + ")", palette[own], otherCount));
    }
    return new Result(cat, palette, legend);
  }
}
