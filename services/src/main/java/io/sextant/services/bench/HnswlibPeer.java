package io.sextant.services.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * hnswlib-node, rebuilt with {@code -O3 -march=native} (the npm build has no {@code -march} and
 * falls back to SSE distance code), in a long-lived Node process driven one command at a time
 * ({@code hnswlib-peer.mjs} beside this class), so its measurements interleave with ours.
 *
 * <p>The npm package comes with the other Node peers ({@link NodePeers}, first use only); the
 * native rebuild is a copy of it compiled with node-gyp in the same cache folder, once.
 */
public final class HnswlibPeer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SCRIPT = "hnswlib-peer.mjs";

  private final NodePeers.Peer peer;
  private final String name;

  private HnswlibPeer(NodePeers.Peer peer) throws IOException {
    this.peer = peer;
    JsonNode g = JSON.readTree(peer.greeting());
    this.name = "hnswlib-node " + g.path("version").asText() + ("native".equals(g.path("build").asText())
        ? " (-O3 -march=native)" : " (npm build)");
  }

  /** What the peer is, for tables. */
  public String name() {
    return name;
  }

  /**
   * Starts the peer, installing it first if needed.
   *
   * @param nativeBuild the {@code -march=native} rebuild; false for the npm build as installed
   * @throws MissingPeerException when Node.js, npm or a compiler is missing or the install fails
   */
  public static HnswlibPeer start(BenchContext ctx, boolean nativeBuild) throws IOException, InterruptedException {
    NodePeers peers = NodePeers.install(ctx);
    Path home = peers.home();
    if (nativeBuild) {
      buildNative(home, ctx);
    }
    try (InputStream s = HnswlibPeer.class.getResourceAsStream(SCRIPT)) {
      Files.copy(s, home.resolve(SCRIPT), StandardCopyOption.REPLACE_EXISTING);
    }
    return new HnswlibPeer(peers.start(SCRIPT, nativeBuild ? "native" : "npm"));
  }

  private static void buildNative(Path home, BenchContext ctx) throws IOException, InterruptedException {
    Path npmBuild = home.resolve("node_modules/hnswlib-node");
    Path copy = home.resolve("hnswlib-native");
    Path addon = copy.resolve("build/Release/addon.node");
    Path stamp = copy.resolve(".built-from");
    String from = Files.readString(npmBuild.resolve("package.json"));
    if (Files.exists(addon) && Files.exists(stamp) && Files.readString(stamp).equals(from)) {
      return;
    }
    ctx.say("rebuilding hnswlib-node with -O3 -march=native into %s (once)...", copy);
    run(List.of("rm", "-rf", copy.toString()), home, Map.of());
    run(List.of("cp", "-r", npmBuild.toString(), copy.toString()), home, Map.of());
    Path gyp = Path.of("/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js");
    List<String> cmd = Files.exists(gyp)
        ? List.of("node", gyp.toString(), "rebuild", "--nodedir=/usr")
        : List.of("npx", "--yes", "node-gyp", "rebuild");
    run(cmd, copy, Map.of("CXXFLAGS", "-O3 -march=native", "CFLAGS", "-O3 -march=native"));
    if (!Files.exists(addon)) {
      throw new MissingPeerException("the -march=native build of hnswlib-node did not produce " + addon);
    }
    Files.writeString(stamp, from);
  }

  private static void run(List<String> cmd, Path dir, Map<String, String> env) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    Path log = dir.resolve("build-native.log");
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new MissingPeerException(cmd.get(0) + " could not start; the native hnswlib-node build needs node-gyp, "
          + "python3, make and a C++ compiler: " + e.getMessage());
    }
    if (!p.waitFor(20, TimeUnit.MINUTES) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new MissingPeerException(String.join(" ", cmd) + " failed; see " + log);
    }
  }

  /** Loads a dataset's files. */
  public void load(VectorData data) throws IOException {
    call(Map.of("cmd", "load", "base", data.files().base().toString(), "queries", data.files().queries().toString(),
        "truth", data.files().truth().toString(), "n", data.base().length, "q", data.queries().length,
        "dim", data.dims()));
  }

  /** Builds the HNSW index on one thread; returns seconds. */
  public double build(int m, int efConstruction) throws IOException {
    return call(Map.of("cmd", "build", "m", m, "efc", efConstruction)).get("seconds").asDouble();
  }

  /** Queries per second and recall@10 of one pass over every query at {@code ef}. */
  public record Pass(double qps, double recall) {}

  public Pass search(int ef) throws IOException {
    return search(ef, 1);
  }

  /** As {@link #search(int)}, the query set run {@code repeat} times in one timed pass. */
  public Pass search(int ef, int repeat) throws IOException {
    JsonNode r = call(Map.of("cmd", "search", "ef", ef, "repeat", repeat));
    return new Pass(r.get("qps").asDouble(), r.get("recall").asDouble());
  }

  private JsonNode call(Map<String, Object> command) throws IOException {
    return JSON.readTree(peer.ask(JSON.writeValueAsString(command)));
  }

  @Override
  public void close() {
    peer.close();
  }
}
