package io.sextant.services.model;

/**
 * A model file or folder that cannot be used, with a message naming the file and the reason.
 *
 * <p>Unchecked because callers (CLI, GUI) can only show the message; there is no local recovery
 * beyond choosing another model.
 */
public final class InvalidModelException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidModelException(String message) {
    super(message);
  }

  public InvalidModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
