package io.sextant.services.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sextant.services.index.IndexSettings;
import io.sextant.services.index.VectorEncoding;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engines the ann, build and quant suites compare, on a small latent32 set: they find the
 * exact neighbours, Sextant's rank path agrees with its full search, quantised encodings with
 * re-scoring keep float recall, and the cached dataset reads back identical.
 */
class AnnEnginesTest {

  @TempDir Path tmp;

  @Test
  void bareLuceneAndSextantFindTheExactNeighboursAndRankAgreesWithSearch() throws Exception {
    VectorData data = VectorData.latent32(3000, 60, 64, tmp.resolve("vectors"), 2);
    VectorData again = VectorData.latent32(3000, 60, 64, tmp.resolve("vectors"), 2);
    assertArrayEquals(data.base()[2999], again.base()[2999]);
    assertArrayEquals(data.truth()[59], again.truth()[59]);

    BareLuceneKnn.build(tmp.resolve("bare"), data.base(), VectorEncoding.FLOAT32, 16, 100);
    IndexSettings fs = new IndexSettings(16, 100, VectorEncoding.FLOAT32);
    SextantAnnIndex.Build b = SextantAnnIndex.build(tmp.resolve("sextant"), data.base(), fs, 2);
    assertTrue(b.seconds() > 0);
    try (BareLuceneKnn bare = BareLuceneKnn.open(tmp.resolve("bare"), data.base());
        SextantAnnIndex ours = SextantAnnIndex.open(tmp.resolve("sextant"), fs)) {
      assertEquals(1, ours.segments(), "a build ends with one segment");
      double bareRecall = KnnPass.recall(data, q -> bare.search(q, 100));
      double rankRecall = KnnPass.recall(data, q -> ours.rank(q, 100, 1));
      assertTrue(bareRecall >= 0.95, "bare " + bareRecall);
      assertTrue(rankRecall >= 0.95, "sextant " + rankRecall);
      for (float[] q : data.queries()) {
        assertArrayEquals(ours.search(q, 40, 1), ours.rank(q, 40, 1));
      }
      Map<String, Long> bytes = ours.offHeapBytes();
      assertEquals(3000L * 64 * 4, bytes.get("vec"), bytes.toString());
    }
  }

  @Test
  void bareLuceneGraphMergeOnTwoWorkersBuildsOneSegmentThatFindsTheExactNeighbours() throws Exception {
    VectorData data = VectorData.latent32(3000, 60, 64, tmp.resolve("vectors"), 2);
    BareLuceneKnn.writeGraphless(tmp.resolve("m"), data.base(), 16, 100);
    assertTrue(BareLuceneKnn.mergeGraph(tmp.resolve("m"), 16, 100, 2) > 0);
    // open() insists on exactly one segment
    try (BareLuceneKnn merged = BareLuceneKnn.open(tmp.resolve("m"), data.base())) {
      double recall = KnnPass.recall(data, q -> merged.search(q, 100));
      assertTrue(recall >= 0.95, "merged " + recall);
    }
    SextantAnnIndex.Build b = SextantAnnIndex.build(tmp.resolve("s"), data.base(),
        new IndexSettings(16, 100, VectorEncoding.FLOAT32), 2);
    assertTrue(b.loadSeconds() > 0 && b.mergeSeconds() > 0, b.toString());
    assertTrue(b.loadSeconds() + b.mergeSeconds() <= b.seconds(), "the phases lie within the build: " + b);
  }

  @Test
  void int8WithRescoringKeepsFloatRecallAndHoldsFewerHotBytes() throws Exception {
    VectorData data = VectorData.latent32(3000, 60, 64, tmp.resolve("vectors"), 2);
    IndexSettings fs = new IndexSettings(16, 100, VectorEncoding.FLOAT32);
    IndexSettings is = new IndexSettings(16, 100, VectorEncoding.INT8);
    SextantAnnIndex.build(tmp.resolve("f"), data.base(), fs, 1);
    SextantAnnIndex.build(tmp.resolve("i"), data.base(), is, 1);
    try (SextantAnnIndex f = SextantAnnIndex.open(tmp.resolve("f"), fs);
        SextantAnnIndex i = SextantAnnIndex.open(tmp.resolve("i"), is)) {
      double fr = KnnPass.recall(data, q -> f.rank(q, 50, 1));
      double ir = KnnPass.recall(data, q -> i.rank(q, 50, 2));
      assertTrue(ir >= 0.99 * fr, "int8 " + ir + " float " + fr);
      assertTrue(i.offHeapBytes().get("veq") < f.offHeapBytes().get("vec") / 3, i.offHeapBytes().toString());
    }
  }
}
