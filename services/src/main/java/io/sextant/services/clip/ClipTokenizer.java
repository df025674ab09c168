package io.sextant.services.clip;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.sextant.services.model.InvalidModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * CLIP's byte-level BPE, run by the Hugging Face tokenizer (via DJL) on a CLIP
 * {@code tokenizer.json}. Produces OpenAI's ids: {@code <|startoftext|>}, the BPE ids of the
 * lower-cased, whitespace-collapsed text, {@code <|endoftext|>}.
 *
 * <p>Truncation is ours, as in OpenAI's {@code clip.tokenize(truncate=True)}: a text longer than
 * the context keeps its first {@code context - 1} ids and ends with {@code <|endoftext|>}, because
 * the text tower reads the embedding at the end-of-text position (the arg-max id) and would
 * otherwise read an ordinary word.
 *
 * <p>One difference from OpenAI's Python is deliberate and measured (docs/CLIP.md): OpenAI runs
 * {@code ftfy} and HTML-unescapes first; the tokenizer.json does neither, so {@code &amp;} stays
 * four characters here. Thread-safe.
 */
public final class ClipTokenizer implements AutoCloseable {
  /** OpenAI CLIP's context length. */
  public static final int CONTEXT = 77;

  private final HuggingFaceTokenizer tokenizer;
  private final long startId;
  private final long endId;

  private ClipTokenizer(HuggingFaceTokenizer tokenizer, long startId, long endId) {
    this.tokenizer = tokenizer;
    this.startId = startId;
    this.endId = endId;
  }

  /**
   * Loads a CLIP tokenizer.json.
   *
   * @throws InvalidModelException when the file is missing, unreadable, or has no CLIP special
   *     tokens
   */
  public static ClipTokenizer open(Path tokenizerJson) {
    Objects.requireNonNull(tokenizerJson, "tokenizerJson");
    if (!Files.isRegularFile(tokenizerJson)) {
      throw new InvalidModelException("CLIP tokenizer file not found: " + tokenizerJson);
    }
    HuggingFaceTokenizer tok;
    try {
      tok = HuggingFaceTokenizer.builder()
          .optTokenizerPath(tokenizerJson)
          .optAddSpecialTokens(true)
          .optPadding(false)
          .optTruncation(false)
          .build();
    } catch (IOException | RuntimeException e) {
      throw new InvalidModelException("cannot load CLIP tokenizer " + tokenizerJson + ": " + e.getMessage(), e);
    }
    long[] ends = tok.encode("", true, false).getIds();
    if (ends.length != 2) {
      tok.close();
      throw new InvalidModelException(tokenizerJson + " does not wrap texts in start and end tokens,"
          + " so it is not a CLIP tokenizer (empty text gave " + Arrays.toString(ends) + ")");
    }
    return new ClipTokenizer(tok, ends[0], ends[1]);
  }

  public long startId() {
    return startId;
  }

  public long endId() {
    return endId;
  }

  /** The ids of one text, at most {@code context} long, always ending with end-of-text. */
  public long[] encode(String text, int context) {
    Objects.requireNonNull(text, "text");
    if (context < 2) {
      throw new IllegalArgumentException("context must be at least 2, got " + context);
    }
    long[] ids = tokenizer.encode(text, true, false).getIds();
    if (ids.length <= context) {
      return ids;
    }
    long[] cut = Arrays.copyOf(ids, context);
    cut[context - 1] = endId;
    return cut;
  }

  /** {@link #encode(String, int)} with CLIP's context of 77. */
  public long[] encode(String text) {
    return encode(text, CONTEXT);
  }

  /**
   * Ids padded to exactly {@code length} with {@code padId}, as a model with a fixed sequence
   * dimension needs (OpenAI pads with 0; Hugging Face with end-of-text; the towers read the first
   * end-of-text, so either works).
   */
  public static long[] pad(long[] ids, int length, long padId) {
    if (ids.length > length) {
      throw new IllegalArgumentException(ids.length + " ids do not fit in " + length);
    }
    long[] out = Arrays.copyOf(ids, length);
    Arrays.fill(out, ids.length, length, padId);
    return out;
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
