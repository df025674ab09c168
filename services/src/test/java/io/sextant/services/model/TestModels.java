package io.sextant.services.model;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Shared fixtures: materialised built-ins (cached under target/) and the shared reference data. */
final class TestModels {
  static final String MINILM = "all-minilm-l6-v2";
  static final String MINILM_Q = "all-minilm-l6-v2-q";

  // Under target/ so repeated runs reuse the extracted files (and exercise the verify path).
  private static final Path CACHE = Path.of("target", "model-test-models").toAbsolutePath();

  private TestModels() {}

  static synchronized ModelFolder builtin(String id) {
    try {
      return BuiltinModels.materialise(BuiltinModels.find(id).orElseThrow(), CACHE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** ../shared/reference/minilm (via sextant.shared.dir), or a skipped test when it is absent. */
  static Path minilmReference() {
    String shared = System.getProperty("sextant.shared.dir");
    assumeTrue(shared != null, "sextant.shared.dir not set");
    Path dir = Path.of(shared, "reference", "minilm");
    assumeTrue(Files.isDirectory(dir), "shared reference data absent: " + dir);
    return dir;
  }

  static List<String> sentences(Path reference) throws IOException {
    return List.of(new ObjectMapper().readValue(reference.resolve("sentences-1000.json").toFile(), String[].class));
  }

  static long[][] tokens(Path reference) throws IOException {
    return new ObjectMapper().readValue(reference.resolve("tokens-1000.json").toFile(), long[][].class);
  }

  /** Rows of {@code dim} float32 little-endian values. */
  static float[][] vectors(Path file, int dim) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    float[][] rows = new float[bytes.remaining() / (4 * dim)][dim];
    for (float[] row : rows) {
      bytes.asFloatBuffer().get(row);
      bytes.position(bytes.position() + 4 * dim);
    }
    return rows;
  }

  static double cosine(float[] a, float[] b) {
    double dot = 0, na = 0, nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }

  static double norm(float[] v) {
    double s = 0;
    for (float x : v) {
      s += (double) x * x;
    }
    return Math.sqrt(s);
  }
}
