package io.sextant.services.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Node.js peers (transformers.js on onnxruntime-node, hnswlib-node), installed on first use
 * into a cache folder outside the project: the peer harness's {@code package.json} and lock file
 * from {@code ../shared/peers}, then {@code npm ci} against the npm registry. Nothing is copied
 * into the project tree. Our own long-lived peer scripts (resources beside this class) are written
 * next to them so that a peer can be driven line by line, interleaved with Sextant in one run.
 */
public final class NodePeers {

  private final Path sharedPeers;
  private final Path home;
  private final BenchContext context;

  private NodePeers(BenchContext context, Path sharedPeers, Path home) {
    this.context = context;
    this.sharedPeers = sharedPeers;
    this.home = home;
  }

  /** Installs the peers when needed (npm ci on first use or when the lock file changed). */
  public static NodePeers install(BenchContext context) throws IOException, InterruptedException {
    Path sharedPeers = context.requireShared("peers", "the Node peer suites");
    requireNode();
    Path home = context.cache().resolve("peers");
    Files.createDirectories(home);
    NodePeers peers = new NodePeers(context, sharedPeers, home);
    peers.sync();
    return peers;
  }

  /** The folder the peers run in. */
  public Path home() {
    return home;
  }

  private static void requireNode() throws InterruptedException {
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (p.waitFor() != 0 || !v.startsWith("v")) {
        throw new MissingPeerException("node --version failed (" + v + "); the Node peers need Node.js 18 or later");
      }
    } catch (IOException e) {
      throw new MissingPeerException("Node.js is not on the PATH; the Node peers need Node.js 18 or later and npm");
    }
  }

  private void sync() throws IOException, InterruptedException {
    Path lock = sharedPeers.resolve("package-lock.json");
    boolean fresh = !Files.isDirectory(home.resolve("node_modules"))
        || !Files.exists(home.resolve("package-lock.json"))
        || Files.mismatch(lock, home.resolve("package-lock.json")) != -1;
    // The harness's own scripts too: a suite may run them as they are (hnsw-bench.mjs ...).
    try (DirectoryStream<Path> files = Files.newDirectoryStream(sharedPeers)) {
      for (Path f : files) {
        String n = f.getFileName().toString();
        if (Files.isRegularFile(f) && (n.endsWith(".mjs") || n.endsWith(".json") || n.endsWith(".sh"))) {
          Files.copy(f, home.resolve(n), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    for (String script : List.of("embed-peer.mjs", "query-peer.mjs")) {
      try (InputStream in = NodePeers.class.getResourceAsStream(script)) {
        if (in != null) {
          Files.copy(in, home.resolve(script), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    if (fresh) {
      context.say("installing the Node peers into %s (npm ci, first use only)...", home);
      ProcessBuilder pb = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
          .directory(home.toFile()).redirectErrorStream(true);
      // The CPU runtime ships in the onnxruntime-node tarball; its GPU download cannot work offline.
      pb.environment().put("ONNXRUNTIME_NODE_INSTALL", "skip");
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        Files.deleteIfExists(home.resolve("package-lock.json"));
        throw new MissingPeerException("npm ci failed in " + home + ":\n" + out);
      }
    }
  }

  /**
   * Lays out a transformers.js model folder {@code models/NAME} whose ONNX files and tokenizer
   * are links to Sextant's own copies, so both sides run the very same files.
   */
  public Path model(String name, Path tokenizer, Path onnx, String onnxName) throws IOException {
    Path dir = home.resolve("models").resolve(name);
    Files.createDirectories(dir.resolve("onnx"));
    Path sharedModel = sharedPeers.resolve("models").resolve(name);
    for (String cfg : List.of("config.json", "tokenizer_config.json")) {
      Path src = sharedModel.resolve(cfg);
      if (!Files.exists(src)) {
        throw new MissingPeerException(src + " is missing; the peer's tokenizer needs it");
      }
      Files.copy(src, dir.resolve(cfg), StandardCopyOption.REPLACE_EXISTING);
    }
    link(dir.resolve("tokenizer.json"), tokenizer);
    link(dir.resolve("onnx").resolve(onnxName), onnx);
    return dir;
  }

  private static void link(Path link, Path target) throws IOException {
    Files.deleteIfExists(link);
    Files.createSymbolicLink(link, target.toAbsolutePath());
  }

  /** Starts a line-driven peer script in {@link #home()}. */
  public Peer start(String script, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("node", script));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(home.toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    Peer peer = new Peer(p, script);
    peer.greeting = peer.ask(null);
    return peer;
  }

  /**
   * A running peer: send one line, read one line back. The protocol is the script's: each
   * request line is answered with one JSON line, or a line starting {@code error}.
   */
  public static final class Peer implements AutoCloseable {
    private final Process process;
    private final String name;
    private final BufferedWriter in;
    private final BufferedReader out;
    private String greeting;

    private Peer(Process process, String name) {
      this.process = process;
      this.name = name;
      this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
      this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** The first line the peer printed once ready (versions and the like). */
    public String greeting() {
      return greeting;
    }

    /** Sends {@code request} (or nothing, if {@code null}) and returns the answer line. */
    public String ask(String request) {
      try {
        if (request != null) {
          in.write(request);
          in.newLine();
          in.flush();
        }
        String line = out.readLine();
        if (line == null) {
          throw new IllegalStateException("peer " + name + " exited (code "
              + (process.waitFor(5, TimeUnit.SECONDS) ? process.exitValue() : "?") + ") while answering '" + request + "'");
        }
        if (line.startsWith("error")) {
          throw new IllegalStateException("peer " + name + ": " + line);
        }
        return line;
      } catch (IOException e) {
        throw new UncheckedIOException("peer " + name + " failed", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void close() {
      try {
        in.close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroy();
        }
      } catch (IOException e) {
        process.destroy();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroy();
      }
    }
  }
}
