package io.sextant.services.model;

/** How token vectors of the last hidden state become one text vector. */
public enum Pooling {
  /** Average of the token vectors under the attention mask (sentence-transformers, e5). */
  MEAN,
  /** The vector of the first ([CLS]) token (bge). */
  CLS
}
