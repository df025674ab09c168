package io.sextant.services.ingest;

import java.nio.file.Path;

/**
 * Turns one file into text. Implemented in-process by {@link DocumentParser} and, with a time and
 * memory bound per file, by {@link io.sextant.services.ingest.worker.IsolatedParser}.
 */
public interface FileParser {

  /**
   * Parses {@code file}.
   *
   * @throws DocumentParseException with a short human reason and a kind when no usable text
   *     comes out
   */
  ParsedDocument parse(Path file) throws DocumentParseException;
}
