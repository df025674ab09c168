package io.sextant.services.bench;

/** A suite cannot run: its peer, Node.js or the shared data it compares on is not there. */
public final class MissingPeerException extends RuntimeException {

  public MissingPeerException(String message) {
    super(message);
  }
}
