package io.sextant.services.ingest;

import java.util.Objects;

/**
 * A piece of a document's text, sized in model tokens, that is embedded and indexed on its own.
 *
 * @param ordinal position of the chunk within its document, from 0
 * @param text the chunk's text
 * @param start character offset of the chunk's first character in the document text
 * @param end character offset one past the chunk's last character
 * @param page 1-based page the chunk starts on, or 0 when the format has no pages
 * @param tokens length of the text in the chunker's tokens
 */
public record Chunk(int ordinal, String text, int start, int end, int page, int tokens) {
  public Chunk {
    Objects.requireNonNull(text, "text");
    if (ordinal < 0 || start < 0 || end < start || page < 0 || tokens < 0) {
      throw new IllegalArgumentException(
          "bad chunk: ordinal=" + ordinal + " start=" + start + " end=" + end + " page=" + page);
    }
  }
}
