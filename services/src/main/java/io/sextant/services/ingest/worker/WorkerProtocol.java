package io.sextant.services.ingest.worker;

import io.sextant.services.ingest.DocumentParseException;
import io.sextant.services.ingest.ParsedDocument;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The pipe protocol between {@link IsolatedParser} and {@link ParserWorker}: length-prefixed
 * frames on the worker's stdin and stdout. Hand-written rather than Java serialisation so that a
 * worker can never make the parent instantiate arbitrary classes.
 */
final class WorkerProtocol {

  /** Sent once by a worker after Tika is loaded; also guards against a wrong main class. */
  static final int READY = 0x53585057; // "SXPW"
  static final byte OK = 1;
  static final byte FAILED = 2;

  private WorkerProtocol() {}

  static void writeRequest(DataOutputStream out, String path) throws IOException {
    writeString(out, path);
    out.flush();
  }

  static String readRequest(DataInputStream in) throws IOException {
    return readString(in);
  }

  static void writeDocument(DataOutputStream out, ParsedDocument d) throws IOException {
    out.writeByte(OK);
    writeString(out, d.text());
    writeString(out, d.title());
    writeString(out, d.author());
    writeInstant(out, d.created());
    writeInstant(out, d.modified());
    out.writeInt(d.pageCount());
    writeString(out, d.language());
    writeString(out, d.contentType());
    writeInts(out, d.pageStarts());
    writeInts(out, d.headingStarts());
    out.writeBoolean(d.truncated());
    out.flush();
  }

  static void writeFailure(DataOutputStream out, DocumentParseException.Kind kind, String reason)
      throws IOException {
    out.writeByte(FAILED);
    writeString(out, kind.name());
    writeString(out, reason);
    out.flush();
  }

  /** Reads one answer: the document, or the worker's failure thrown as the parse exception. */
  static ParsedDocument readResponse(DataInputStream in) throws IOException, DocumentParseException {
    byte tag = in.readByte();
    if (tag == FAILED) {
      DocumentParseException.Kind kind = DocumentParseException.Kind.valueOf(readString(in));
      throw new DocumentParseException(kind, readString(in), null);
    }
    if (tag != OK) {
      throw new IOException("parser worker sent an unknown frame " + tag);
    }
    String text = readString(in);
    String title = readString(in);
    String author = readString(in);
    Instant created = readInstant(in);
    Instant modified = readInstant(in);
    int pageCount = in.readInt();
    String language = readString(in);
    String contentType = readString(in);
    int[] pages = readInts(in);
    int[] headings = readInts(in);
    boolean truncated = in.readBoolean();
    return new ParsedDocument(text, title, author, created, modified, pageCount, language,
        contentType, pages, headings, truncated);
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readString(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      throw new IOException("parser worker sent a negative length");
    }
    return new String(in.readNBytes(n), StandardCharsets.UTF_8);
  }

  private static void writeInstant(DataOutputStream out, Instant t) throws IOException {
    out.writeBoolean(t != null);
    if (t != null) {
      out.writeLong(t.getEpochSecond());
      out.writeInt(t.getNano());
    }
  }

  private static Instant readInstant(DataInputStream in) throws IOException {
    return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
  }

  private static void writeInts(DataOutputStream out, int[] a) throws IOException {
    out.writeInt(a.length);
    for (int v : a) {
      out.writeInt(v);
    }
  }

  private static int[] readInts(DataInputStream in) throws IOException {
    int n = in.readInt();
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = in.readInt();
    }
    return a;
  }
}
