package io.sextant.services.ingest.worker;

import io.sextant.services.ingest.DocumentParseException;
import io.sextant.services.ingest.DocumentParseException.Kind;
import io.sextant.services.ingest.FileParser;
import io.sextant.services.ingest.ParsedDocument;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Parses files in worker JVMs ({@link ParserWorker}) started with this JVM's class path, a heap
 * bound and a per-file time limit. A worker that hangs is killed; one that runs out of memory or
 * crashes is replaced; either way only the file it was parsing fails, with the kind {@link
 * Kind#TIMEOUT}, {@link Kind#OUT_OF_MEMORY} or {@link Kind#CRASH}.
 *
 * <p>Workers start lazily (the first file pays ~1 s for a JVM with Tika loaded) and are reused
 * across files and ingest runs. Thread-safe: each parse takes a worker for itself.
 */
public final class IsolatedParser implements FileParser, AutoCloseable {

  private static final Logger LOG = Logger.getLogger(IsolatedParser.class.getName());
  /** How long a new worker may take to load Tika and say it is ready. */
  private static final long START_TIMEOUT_MS = 60_000;

  private final ParserLimits limits;
  private final List<String> command;
  private final ConcurrentLinkedDeque<Worker> idle = new ConcurrentLinkedDeque<>();
  private final List<Worker> all = new ArrayList<>();
  private final AtomicLong restarts = new AtomicLong();
  private final AtomicInteger linkCounter = new AtomicInteger();
  private Path linkDir;
  private boolean closed;

  /** Workers run this JVM's java binary and class path. */
  public IsolatedParser(ParserLimits limits) {
    this(limits, javaBinary(), System.getProperty("java.class.path", ""));
  }

  IsolatedParser(ParserLimits limits, String java, String classPath) {
    this.limits = Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(java, "java");
    if (classPath == null || classPath.isBlank()) {
      throw new IllegalArgumentException("no class path to start parser workers with");
    }
    this.command = List.of(java,
        "-Xmx" + limits.heapMb() + "m",
        "-XX:+ExitOnOutOfMemoryError",
        // One small heap, one thread of parsing: the serial collector has the smallest footprint.
        "-XX:+UseSerialGC",
        "-Djava.awt.headless=true",
        "--enable-native-access=ALL-UNNAMED",
        "-cp", classPath,
        ParserWorker.class.getName(),
        Integer.toString(limits.writeLimit()));
  }

  public ParserLimits limits() {
    return limits;
  }

  /** Workers started to replace one that was killed or died. */
  public long restarts() {
    return restarts.get();
  }

  /** Process ids of the live workers (for tests that kill one). */
  synchronized List<Long> workerPids() {
    return all.stream().map(w -> w.process.pid()).toList();
  }

  @Override
  public ParsedDocument parse(Path file) throws DocumentParseException {
    Objects.requireNonNull(file, "file");
    if (!Files.isRegularFile(file)) {
      throw new DocumentParseException(Kind.UNREADABLE, "file not found", null);
    }
    Worker w;
    try {
      w = take();
    } catch (IOException e) {
      throw new DocumentParseException(Kind.CRASH, "cannot start the parser process: " + e.getMessage(), e);
    }
    boolean healthy = false;
    Path link = null;
    try {
      String name = file.toAbsolutePath().toString();
      if (!roundTrips(file.toAbsolutePath(), name)) {
        // A name that is not valid in this system's encoding cannot travel as text: give the
        // worker a link with a plain name whose target keeps the original bytes.
        link = linkTo(file.toAbsolutePath());
        name = link.toString();
      }
      Future<ParsedDocument> answer;
      try {
        WorkerProtocol.writeRequest(w.out, name);
        answer = w.reader.submit(() -> WorkerProtocol.readResponse(w.in));
      } catch (IOException e) {
        throw died(w, file);
      }
      try {
        ParsedDocument doc = answer.get(limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
        healthy = true;
        return doc;
      } catch (TimeoutException e) {
        restarts.incrementAndGet();
        throw new DocumentParseException(Kind.TIMEOUT,
            "timed out: parsing took longer than " + seconds(limits.timeout()) + " s", null);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof DocumentParseException dpe) {
          healthy = true; // the worker reported a normal failure and is ready for more
          throw dpe;
        }
        throw died(w, file);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DocumentParseException(Kind.CRASH, "parsing interrupted", e);
      }
    } catch (java.nio.file.AccessDeniedException e) {
      throw new DocumentParseException(Kind.PERMISSION_DENIED, "cannot read file: permission denied", e);
    } catch (IOException e) {
      throw new DocumentParseException(Kind.UNREADABLE, "cannot read file: " + e.getMessage(), e);
    } finally {
      if (link != null) {
        try {
          Files.deleteIfExists(link);
        } catch (IOException ignored) {
          // a temp link; the folder goes on close
        }
      }
      if (healthy) {
        idle.push(w);
      } else {
        w.kill();
        forget(w);
      }
    }
  }

  private DocumentParseException died(Worker w, Path file) {
    int code = w.exitCode();
    restarts.incrementAndGet();
    LOG.log(Level.INFO, "parser worker died on " + file + " (exit code " + code + ")");
    if (code == ParserWorker.OOM_EXIT) {
      return new DocumentParseException(Kind.OUT_OF_MEMORY,
          "out of memory: parsing needs more than " + limits.heapMb() + " MB", null);
    }
    if (code > 128) {
      return new DocumentParseException(Kind.CRASH, "parser process was killed (signal " + (code - 128) + ")", null);
    }
    return new DocumentParseException(Kind.CRASH, "parser process crashed (exit code " + code + ")", null);
  }

  private Worker take() throws IOException {
    Worker w;
    while ((w = idle.poll()) != null) {
      if (w.process.isAlive()) {
        return w;
      }
      forget(w);
    }
    return start();
  }

  private Worker start() throws IOException {
    synchronized (this) {
      if (closed) {
        throw new IOException("parser is closed");
      }
    }
    ProcessBuilder pb = new ProcessBuilder(command);
    // Tika's warnings about odd files are noise for the user; failures come back as frames.
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    Worker w = new Worker(p);
    synchronized (this) {
      all.add(w);
    }
    Future<Integer> hello = w.reader.submit(() -> w.in.readInt());
    try {
      int magic = hello.get(START_TIMEOUT_MS, TimeUnit.MILLISECONDS);
      if (magic != WorkerProtocol.READY) {
        throw new IOException("parser process answered " + Integer.toHexString(magic));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      w.kill();
      throw new IOException("interrupted while starting a parser process", e);
    } catch (ExecutionException | TimeoutException e) {
      w.kill();
      forget(w);
      throw new IOException("parser process did not start (exit code " + w.exitCode() + ")", e);
    }
    return w;
  }

  private synchronized void forget(Worker w) {
    all.remove(w);
  }

  private synchronized Path linkTo(Path target) throws IOException {
    if (linkDir == null) {
      linkDir = Files.createTempDirectory("sextant-parse-links");
    }
    String n = target.getFileName().toString();
    int dot = n.lastIndexOf('.');
    String ext = dot > 0 ? n.substring(dot).replaceAll("[^A-Za-z0-9.]", "") : "";
    Path link = linkDir.resolve("f" + linkCounter.incrementAndGet() + ext);
    return Files.createSymbolicLink(link, target);
  }

  private static boolean roundTrips(Path p, String name) {
    try {
      return Path.of(name).equals(p);
    } catch (InvalidPathException e) {
      return false;
    }
  }

  private static String seconds(java.time.Duration d) {
    return d.toMillis() % 1000 == 0 ? Long.toString(d.toSeconds()) : String.format(java.util.Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  @Override
  public void close() {
    List<Worker> workers;
    synchronized (this) {
      closed = true;
      workers = new ArrayList<>(all);
      all.clear();
    }
    idle.clear();
    for (Worker w : workers) {
      w.stop();
    }
    if (linkDir != null) {
      try {
        Files.deleteIfExists(linkDir);
      } catch (IOException ignored) {
        // a leftover empty temp folder is harmless
      }
    }
  }

  /** One worker process and the streams and reader thread that talk to it. */
  private static final class Worker {
    final Process process;
    final DataOutputStream out;
    final DataInputStream in;
    final ExecutorService reader;

    Worker(Process process) {
      this.process = process;
      this.out = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
      this.in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
      this.reader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "parser-worker-reader-" + process.pid());
        t.setDaemon(true);
        return t;
      });
    }

    int exitCode() {
      try {
        if (process.waitFor(10, TimeUnit.SECONDS)) {
          return process.exitValue();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return -1;
    }

    void kill() {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      reader.shutdownNow();
    }

    /** Closes stdin so the worker ends by itself; kills it if it does not. */
    void stop() {
      try {
        out.close();
        if (!process.waitFor(2, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (IOException e) {
        process.destroyForcibly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
      reader.shutdownNow();
    }
  }
}
