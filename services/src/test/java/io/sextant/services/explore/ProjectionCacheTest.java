package io.sextant.services.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sextant.services.task.Cancellation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectionCacheTest {

  @TempDir Path dir;

  private static VectorSet set(String fingerprint) {
    Synthetic s = new Synthetic(3, 30, 16, 0.05, 1);
    List<VectorSet.Item> items = new ArrayList<>();
    for (int i = 0; i < s.vectors.length; i++) {
      items.add(new VectorSet.Item("f#" + i, "f", "t", i, 0, "x"));
    }
    return new VectorSet("m", s.vectors, items, fingerprint);
  }

  @Test
  void secondRequestWithSameCorpusAndSettingsIsReadFromTheCache() {
    MapMaker maker = new MapMaker(new ProjectionCache(dir), 1);
    var r = new MapMaker.Request(true, 10, 0.1, Metric.COSINE, 1);
    Layout first = maker.layout(set("fp1"), r, p -> {}, new Cancellation());
    AtomicInteger calls = new AtomicInteger();
    Layout second = maker.layout(set("fp1"), r, p -> calls.incrementAndGet(), new Cancellation());
    assertEquals(0, second.millis(), "cached");
    assertArrayEquals(first.xs(), second.xs());
    assertArrayEquals(first.ys(), second.ys());
    assertEquals(first.method(), second.method());
  }

  @Test
  void changedCorpusOrSettingsMiss() throws Exception {
    ProjectionCache cache = new ProjectionCache(dir);
    Layout l = new Layout("PCA", new float[] {1, 2}, new float[] {3, 4}, 5);
    cache.put("m", "fp1", "pca;1", l);
    assertTrue(cache.get("m", "fp1", "pca;1").isPresent());
    assertTrue(cache.get("m", "fp2", "pca;1").isEmpty(), "corpus changed");
    assertTrue(cache.get("m", "fp1", "pca;2").isEmpty(), "settings changed");
    assertTrue(cache.get("other", "fp1", "pca;1").isEmpty(), "other model");
  }

  @Test
  void damagedCacheFileIsAMissNotAnError() throws Exception {
    ProjectionCache cache = new ProjectionCache(dir);
    cache.put("m", "fp1", "pca;1", new Layout("PCA", new float[] {1}, new float[] {2}, 1));
    Files.write(cache.file("m", "pca;1"), new byte[] {1, 2, 3});
    assertTrue(cache.get("m", "fp1", "pca;1").isEmpty());
  }
}
