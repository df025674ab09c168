package io.sextant.services.clip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Our ids against a reference tokenizer (scripts/clip/reference_tokens.py, OpenAI's algorithm on
 * OpenAI's own vocabulary file) over the 1,000 MiniLM reference sentences and every COCO caption.
 * Skips when python3 with the regex module or the shared data is absent.
 */
class ClipTokenizerParityTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void idsMatchTheReferenceOnSentencesAndCaptions() throws Exception {
    Path vocab = SharedClipData.require("clip/tokenizer-openai/bpe_simple_vocab_16e6.txt.gz");
    List<String> texts = new ArrayList<>(JSON.readValue(
        SharedClipData.require("reference/minilm/sentences-1000.json").toFile(), new TypeReference<List<String>>() {}));
    for (String line : Files.readAllLines(SharedClipData.require("images/coco-mini/captions.jsonl"))) {
      if (!line.isBlank()) {
        JSON.readTree(line).get("captions").forEach(c -> texts.add(c.asText()));
      }
    }
    texts.addAll(List.of("Hello World!", "  spaces\tand\nnewlines  ", "CAPITALS and Numbers 12345",
        "café naïve résumé", "emoji 🙂 and 日本語", "it's we're they'll I'd", "a---b...c!!!"));
    List<List<Long>> expected = reference(vocab, texts);
    try (ClipTokenizer tok = ClipTokenizer.open(SharedClipData.tokenizerJson())) {
      int mismatches = 0;
      StringBuilder first = new StringBuilder();
      for (int i = 0; i < texts.size(); i++) {
        long[] ids = tok.encode(texts.get(i), Integer.MAX_VALUE);
        List<Long> got = Arrays.stream(ids).boxed().toList();
        if (!got.equals(expected.get(i))) {
          mismatches++;
          if (first.isEmpty()) {
            first.append(texts.get(i)).append(": ").append(got).append(" vs ").append(expected.get(i));
          }
        }
      }
      assertEquals(0, mismatches, mismatches + " of " + texts.size() + " texts differ; first: " + first);
    }
  }

  private static List<List<Long>> reference(Path vocab, List<String> texts) throws IOException, InterruptedException {
    Path script = SharedClipData.projectRoot().resolve("scripts/clip/reference_tokens.py");
    Process p;
    try {
      p = new ProcessBuilder(SharedClipData.python(), script.toString(), vocab.toString())
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    } catch (IOException e) {
      assumeTrue(false, "python3 not available: " + e.getMessage());
      throw e;
    }
    try (var in = p.getOutputStream()) {
      in.write(JSON.writeValueAsString(texts).getBytes(StandardCharsets.UTF_8));
    }
    byte[] out = p.getInputStream().readAllBytes();
    assumeTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0,
        "reference tokenizer did not run (python3-regex missing?)");
    return JSON.readValue(out, new TypeReference<List<List<Long>>>() {});
  }
}
