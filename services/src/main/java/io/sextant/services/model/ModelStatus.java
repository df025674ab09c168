package io.sextant.services.model;

/** Whether a model listed by {@link ModelRegistry} can be opened right now. */
public enum ModelStatus {
  /** Files are in place; {@link ModelRegistry#open} will load it. */
  AVAILABLE,
  /** A built-in model whose files have not been copied out of the class path yet. */
  NOT_MATERIALISED,
  /** Files are missing or invalid; the entry's reason says what is wrong. */
  BROKEN
}
