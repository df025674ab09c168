package io.sextant.services.ingest.worker;

import io.sextant.services.ingest.DocumentParseException;
import io.sextant.services.ingest.DocumentParser;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Entry point of a parser worker process: reads file paths from stdin, parses each with {@link
 * DocumentParser} and writes the result to stdout, until stdin closes.
 *
 * <p>Its stdout belongs to the protocol, so {@code System.out} is pointed at stderr first: some
 * parsers print to it and would corrupt the frames. An {@link OutOfMemoryError} is not caught
 * here: the parent starts the JVM with {@code -XX:+ExitOnOutOfMemoryError} and reads the exit code.
 */
public final class ParserWorker {

  /** Exit code of a JVM ended by {@code -XX:+ExitOnOutOfMemoryError}. */
  static final int OOM_EXIT = 3;

  private ParserWorker() {}

  public static void main(String[] args) throws IOException {
    int writeLimit = args.length > 0 ? Integer.parseInt(args[0]) : DocumentParser.DEFAULT_WRITE_LIMIT;
    DataOutputStream out = new DataOutputStream(
        new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
    System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
    DataInputStream in = new DataInputStream(new BufferedInputStream(System.in));
    // A parent killed with -9 cannot close our stdin while we are stuck in a file: follow it out.
    ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(0)));
    DocumentParser parser = new DocumentParser(writeLimit);
    out.writeInt(WorkerProtocol.READY);
    out.flush();
    while (true) {
      String path;
      try {
        path = WorkerProtocol.readRequest(in);
      } catch (EOFException e) {
        return; // the parent closed our stdin: done
      }
      try {
        WorkerProtocol.writeDocument(out, parser.parse(Path.of(path)));
      } catch (DocumentParseException e) {
        WorkerProtocol.writeFailure(out, e.kind(), e.reason());
      } catch (StackOverflowError e) {
        // Deeply nested markup recursing through a parser; the stack unwound, the worker is fine.
        WorkerProtocol.writeFailure(out, DocumentParseException.Kind.TOO_LARGE,
            "nested too deeply to parse (stack overflow)");
      } catch (RuntimeException | LinkageError e) {
        WorkerProtocol.writeFailure(out, DocumentParseException.Kind.CRASH,
            "parser error: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")));
      }
    }
  }
}
