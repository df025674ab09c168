package io.sextant.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** JSON output of the CLI: pretty-printed, to a file or standard output. */
final class Json {

  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Json() {}

  static void write(Object value, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    MAPPER.writeValue(file.toFile(), value);
  }

  static void print(Object value, PrintWriter out) throws IOException {
    out.println(MAPPER.writeValueAsString(value));
    out.flush();
  }
}
