package io.sextant.services.ingest;

import java.util.Objects;

/**
 * A file could not be turned into text. {@link #getMessage()} is a short reason meant for people
 * ("encrypted (password-protected)", "corrupt PDF: ..."), so it can be stored and shown as is.
 */
public final class DocumentParseException extends Exception {

  /** Broad reason, for callers that react differently (e.g. retry after a password is given). */
  public enum Kind {
    ENCRYPTED,
    UNSUPPORTED,
    EMPTY,
    NO_TEXT,
    CORRUPT,
    UNREADABLE
  }

  private final Kind kind;

  public DocumentParseException(Kind kind, String reason, Throwable cause) {
    super(Objects.requireNonNull(reason, "reason"), cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  public Kind kind() {
    return kind;
  }

  /** The human reason; same as {@link #getMessage()}. */
  public String reason() {
    return getMessage();
  }
}
