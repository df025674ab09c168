package io.sextant.services.catalog;

/** A catalog operation failed; the message says which operation, and on what, and why. */
public final class CatalogException extends RuntimeException {

  public CatalogException(String message) {
    super(message);
  }

  public CatalogException(String what, Throwable cause) {
    super(what + ": " + cause.getMessage(), cause);
  }
}
