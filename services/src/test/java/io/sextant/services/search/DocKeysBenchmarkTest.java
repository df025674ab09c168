package io.sextant.services.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The micro-benchmark's two sides give the same keys, so its ratio compares like with like. */
class DocKeysBenchmarkTest {

  @Test
  void rememberedKeysEqualKeysReadFromDocValues() throws Exception {
    DocKeysBenchmark bench = new DocKeysBenchmark();
    bench.chunks = 800;
    bench.setUp();
    try {
      for (List<Candidate> set : bench.sets()) {
        String[] read = bench.readEachTime(set);
        for (int i = 0; i < read.length; i++) {
          assertEquals(read[i], set.get(i).docKey);
        }
      }
    } finally {
      bench.tearDown();
    }
  }
}
