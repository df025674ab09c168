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
    UNREADABLE,
    /** Expands far beyond its size (zip bomb) or hits a decompression or memory limit. */
    TOO_LARGE,
    /** The isolated parser did not finish within its time limit. */
    TIMEOUT,
    /** The isolated parser ran out of its memory bound. */
    OUT_OF_MEMORY,
    /** The parser process died, or a parser bug threw something unexpected. */
    CRASH,
    /** The operating system refused to open the file or folder (its permissions). */
    PERMISSION_DENIED;

    /** The stable lower-case name stored in the catalog and shown by the CLI ("out-of-memory"). */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The kind whose {@link #label()} is {@code label}, or null for none. */
    public static Kind ofLabel(String label) {
      for (Kind k : values()) {
        if (k.label().equals(label)) {
          return k;
        }
      }
      return null;
    }
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
