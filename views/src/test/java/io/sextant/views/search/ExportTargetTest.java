package io.sextant.views.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ExportTargetTest {

  @Test
  void aNameWithAKnownExtensionIsKeptWhateverFormatWasSelected() {
    assertEquals(Path.of("/t/hits.json"), ExportTarget.resolve(Path.of("/t/hits.json"), "csv"));
    assertEquals(Path.of("/t/hits.CSV"), ExportTarget.resolve(Path.of("/t/hits.CSV"), "json"));
  }

  @Test
  void aBareNameGetsTheSelectedFormatsExtensionOrCsv() {
    assertEquals(Path.of("/t/hits.json"), ExportTarget.resolve(Path.of("/t/hits"), "json"));
    assertEquals(Path.of("/t/hits.csv"), ExportTarget.resolve(Path.of("/t/hits"), null));
    assertEquals(Path.of("/t/hits.txt.csv"), ExportTarget.resolve(Path.of("/t/hits.txt"), "xlsx"));
  }

  @Test
  void theSuggestedNameIsMadeOfTheQuerysWords() {
    assertEquals("results-why-does-the-sea-rise.csv",
        ExportTarget.suggestedName("Why does the sea rise?", "csv"));
    assertEquals("results.json", ExportTarget.suggestedName("  ?! ", "json"));
    assertEquals("results-".length() + 40 + ".csv".length(), ExportTarget.suggestedName("a".repeat(100), "csv").length());
  }
}
