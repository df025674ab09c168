package io.sextant.services.model;

/** Measures text in a model's tokens; the chunker sizes chunks with it. */
@FunctionalInterface
public interface TokenCounter {
  /** Number of tokens {@code text} becomes, without special tokens and without truncation. */
  int countTokens(String text);
}
