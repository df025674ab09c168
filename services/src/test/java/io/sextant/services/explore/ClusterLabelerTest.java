package io.sextant.services.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterLabelerTest {

  @Test
  void namesEachClusterByWordsThatAreFrequentInItAndRareElsewhere() {
    List<String> texts = List.of(
        "The sourdough starter needs flour and water every day.",
        "Feed the starter; sourdough bread rises slowly.",
        "Sourdough loaves need a lively starter and good flour.",
        "The tide rises twice a day because of the moon.",
        "Spring tides come with the new and full moon.",
        "The moon pulls the ocean: tides follow it every day.",
        "Noise passage about bread and the moon.");
    int[] labels = {0, 0, 0, 1, 1, 1, -1};
    List<String> names = new ClusterLabeler(3).names(labels, texts, 2);
    assertEquals(2, names.size());
    assertTrue(names.get(0).startsWith("sourdough · starter"), names.get(0));
    assertTrue(names.get(1).contains("moon") && names.get(1).contains("tides"), names.get(1));
    assertTrue(!names.get(0).contains("rise") && !names.get(1).contains("rise"),
        "a word said once in each cluster names neither: " + names);
  }

  @Test
  void clusterWithoutWordsGetsANumber() {
    List<String> names = new ClusterLabeler(3).names(new int[] {0, 1}, List.of("1234 5678", "cats cats"), 2);
    assertEquals("cluster 1", names.get(0));
    assertEquals("cats", names.get(1));
  }
}
