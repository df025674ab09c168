package io.sextant.services.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes result rows as a JSON list of objects with the keys {@code metric, sextant, baseline,
 * baseline_name, ratio, target, met} (the contract of {@code sextant bench --json}), then
 * {@code unit}, {@code goal} and the row's details.
 */
public final class BenchJson {

  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private BenchJson() {}

  /** The rows as plain maps, fixed keys first. */
  public static List<Map<String, Object>> toMaps(List<BenchRow> rows) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (BenchRow r : rows) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("metric", r.metric());
      m.put("sextant", r.sextant());
      m.put("baseline", r.baseline());
      m.put("baseline_name", r.baselineName());
      m.put("ratio", r.ratio());
      m.put("target", r.target());
      m.put("met", r.met());
      m.put("unit", r.unit());
      m.put("goal", r.goal().text());
      r.details().forEach(m::putIfAbsent);
      out.add(m);
    }
    return out;
  }

  public static String toJson(List<BenchRow> rows) throws IOException {
    return MAPPER.writeValueAsString(toMaps(rows));
  }

  /** Writes the rows to {@code file}, creating its folder. */
  public static void write(List<BenchRow> rows, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, toJson(rows) + "\n");
  }
}
