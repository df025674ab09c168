package io.sextant.services.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ModelManifestTest {

  @Test
  void rejectsAnIdThatCannotNameAnIndexField() {
    assertThrows(IllegalArgumentException.class,
        () -> new ModelManifest("Has Space", 384, Pooling.MEAN, true, 256, "", "", null, null, null, null));
  }

  @Test
  void fillsMissingOptionalTextWithDefaults() {
    var m = new ModelManifest("m", 8, Pooling.CLS, true, 16, null, null, null, null, null, null);
    assertEquals("", m.queryPrefix());
    assertEquals("cosine", m.similarity());
  }
}
