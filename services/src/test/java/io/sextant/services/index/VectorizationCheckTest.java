package io.sextant.services.index;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VectorizationCheckTest {

  /**
   * The test JVM is started with the same vector flags as the launcher, so this guards the
   * build's and launcher's configuration: if it fails, kNN in the product is 2.5-3x slower.
   */
  @Test
  void luceneUsesThePanamaVectorCodeUnderOurJvmFlags() {
    var r = VectorizationCheck.run();
    assertTrue(r.active(), r.detail());
  }
}
