package io.sextant.views.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColouringTest {

  static MapData map(String... types) {
    List<MapData.MapItem> items = new ArrayList<>();
    for (int i = 0; i < types.length; i++) {
      items.add(new MapData.MapItem("c" + i, "/d/f" + i, "t", 0, 0, types[i], "/d/" + (i % 2), ""));
    }
    return new MapData("m", "PCA", new float[types.length], new float[types.length], items, 0);
  }

  @Test
  void clustersGetTheirOwnColoursAndNoiseIsGreyAndLast() {
    MapData m = map("a", "a", "a", "a");
    Clustering c = new Clustering("k", new int[] {0, 1, -1, 1}, List.of("tides moon", "bread starter"));
    Colouring.Result r = Colouring.of(m, c, Colouring.By.CLUSTER);
    assertArrayEquals(new int[] {0, 1, 2, 1}, r.category());
    assertEquals(List.of("tides moon", "bread starter", "noise"), r.legend().stream().map(Colouring.Entry::name).toList());
    assertEquals(Palette.NOISE, r.palette()[2]);
    assertEquals(2, r.legend().get(1).count());
  }

  @Test
  void withoutClustersEveryPointSharesOneColour() {
    Colouring.Result r = Colouring.of(map("a", "b"), null, Colouring.By.CLUSTER);
    assertArrayEquals(new int[] {0, 0}, r.category());
    assertEquals(1, r.legend().size());
  }

  @Test
  void fileTypesAreRankedByCountAndTheTailSharesOther() {
    List<String> types = new ArrayList<>();
    for (int t = 0; t < 14; t++) {
      for (int k = 0; k <= 14 - t; k++) {
        types.add("t" + (char) ('a' + t));
      }
    }
    Colouring.Result r = Colouring.of(map(types.toArray(String[]::new)), null, Colouring.By.FILE_TYPE);
    assertEquals(Colouring.MAX_COLOURS + 1, r.legend().size());
    assertEquals("ta", r.legend().get(0).name());
    assertEquals("other (3)", r.legend().get(Colouring.MAX_COLOURS).name());
    assertEquals(4 + 3 + 2, r.legend().get(Colouring.MAX_COLOURS).count());
  }

  @Test
  void foldersColourByFolder() {
    Colouring.Result r = Colouring.of(map("a", "a", "a"), null, Colouring.By.FOLDER);
    assertEquals(r.category()[0], r.category()[2]);
    assertEquals(2, r.legend().size());
  }

  @Test
  void agreementFallsInFiveBinsHighFirstAndUnscoredPointsAreGrey() {
    double[] shared = {0.0, 0.1, 0.2, 0.5, 0.79, 0.8, 1.0, Double.NaN};
    Colouring.Result r = Colouring.ofAgreement(shared, 10);
    assertArrayEquals(new int[] {0, 0, 1, 2, 3, 4, 4, 5}, r.category());
    assertEquals(Palette.NOISE, r.palette()[5]);
    assertEquals("80–100 % of 10 neighbours shared", r.legend().get(0).name());
    assertEquals(2, r.legend().get(0).count());
    assertEquals("not scored (sampled)", r.legend().get(5).name());
    assertEquals(List.of(2, 1, 1, 1, 2, 1), r.legend().stream().map(Colouring.Entry::count).toList());
  }

  @Test
  void agreementSummarySaysTheMeanAndWhetherItWasSampled() {
    assertEquals("Neighbour agreement of a and b (k = 10): mean 50.0 % over all 2 points",
        ExploreView.agreementSummary(new double[] {0.25, 0.75}, "a", "b"));
    assertEquals("Neighbour agreement of a and b (k = 10): mean 40.0 % over 1 of 2 points (sampled)",
        ExploreView.agreementSummary(new double[] {0.4, Double.NaN}, "a", "b"));
  }
}
