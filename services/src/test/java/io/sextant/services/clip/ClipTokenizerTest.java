package io.sextant.services.clip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sextant.services.model.InvalidModelException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipTokenizerTest {
  private static ClipTokenizer tok;

  @BeforeAll
  static void open() {
    tok = ClipTokenizer.open(SharedClipData.tokenizerJson());
  }

  @AfterAll
  static void close() {
    if (tok != null) {
      tok.close();
    }
  }

  @Test
  void helloWorldGivesOpenAisIds() {
    assertArrayEquals(new long[] {49406, 3306, 1002, 256, 49407}, tok.encode("Hello World!"));
    assertArrayEquals(new long[] {49406, 320, 11909, 1125, 539, 320, 36145, 2368, 49407},
        tok.encode("a facial photo of a tabby cat"));
  }

  @Test
  void longTextIsCutTo77AndStillEndsWithEndOfText() {
    long[] ids = tok.encode("word ".repeat(200));
    assertEquals(77, ids.length);
    assertEquals(49406, ids[0]);
    assertEquals(49407, ids[76]);
    assertEquals(ids[1], ids[75]);
  }

  @Test
  void padFillsToFixedLength() {
    long[] padded = ClipTokenizer.pad(tok.encode("a dog"), 77, 0);
    assertEquals(77, padded.length);
    assertEquals(0, padded[76]);
    assertEquals(49407, padded[3]);
  }

  @Test
  void aJsonFileThatIsNotATokenizerIsRejectedWithItsName(@TempDir Path dir) throws Exception {
    Path bad = Files.writeString(dir.resolve("tokenizer.json"), "{\"not\": \"a tokenizer\"}");
    var e = assertThrows(InvalidModelException.class, () -> ClipTokenizer.open(bad));
    assertEquals(true, e.getMessage().contains(bad.toString()));
    assertThrows(InvalidModelException.class, () -> ClipTokenizer.open(dir.resolve("missing.json")));
  }
}
