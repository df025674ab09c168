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
}
