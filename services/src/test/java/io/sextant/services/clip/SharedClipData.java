package io.sextant.services.clip;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the shared CLIP material lives ({@code ../shared} beside the project); tests skip without it. */
final class SharedClipData {
  private SharedClipData() {}

  static Path shared() {
    String env = System.getenv("SEXTANT_SHARED");
    Path p = env != null ? Path.of(env) : Path.of(System.getProperty("user.dir")).resolve("../../shared").normalize();
    if (!Files.isDirectory(p)) {
      p = Path.of(System.getProperty("user.dir")).resolve("../shared").normalize();
    }
    return p;
  }

  static Path require(String relative) {
    Path p = shared().resolve(relative);
    assumeTrue(Files.exists(p), "shared data absent: " + p);
    return p;
  }

  static Path tokenizerJson() {
    return require("clip/tokenizer-hf/tokenizer.json");
  }

  /**
   * The Python with Debian's modules (python3-pil, python3-regex): SEXTANT_PYTHON, else
   * /usr/bin/python3 (a pyenv or venv python3 earlier on the PATH usually lacks them), else python3.
   */
  static String python() {
    String env = System.getenv("SEXTANT_PYTHON");
    if (env != null && !env.isBlank()) {
      return env;
    }
    return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
  }

  /** The project root (tests run in services/). */
  static Path projectRoot() {
    Path here = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    return Files.isDirectory(here.resolve("scripts")) ? here : here.getParent();
  }
}
