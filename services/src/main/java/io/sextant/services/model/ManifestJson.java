package io.sextant.services.model;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes {@code manifest.json}, the JSON form of {@link ModelManifest}. */
final class ManifestJson {
  // Unknown fields fail: a misspelt "dimension" silently ignored would be worse than an error.
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();

  private static final List<String> FIELD_ORDER =
      Arrays.stream(ModelManifest.class.getRecordComponents()).map(RecordComponent::getName).toList();
  private static final Set<String> FIELDS = Set.copyOf(FIELD_ORDER);

  private ManifestJson() {}

  static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Reads a complete manifest; any problem becomes an {@link InvalidModelException} naming the file. */
  static ModelManifest read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidModelException("no manifest.json: " + file);
    }
    return fromTree(readTree(file), file);
  }

  /** Turns a manifest object (possibly built from a partial user file) into a manifest. */
  static ModelManifest fromTree(ObjectNode tree, Path file) {
    checkFieldNames(tree, file);
    try {
      return MAPPER.treeToValue(tree, ModelManifest.class);
    } catch (IOException e) {
      throw new InvalidModelException("invalid manifest " + file + ": " + describe(e), e);
    }
  }

  /** Reads a manifest as a JSON object, which may lack fields. */
  static ObjectNode readTree(Path file) {
    try {
      if (!(MAPPER.readTree(file.toFile()) instanceof ObjectNode object)) {
        throw new InvalidModelException("invalid manifest " + file + ": not a JSON object");
      }
      checkFieldNames(object, file);
      return object;
    } catch (IOException e) {
      throw new InvalidModelException("invalid manifest " + file + ": " + describe(e), e);
    }
  }

  /**
   * Jackson runs the record constructor before it reports unknown fields, so a misspelt
   * "dimension" would surface as "dimensions must be in 1..4096, got 0"; name the typo instead.
   */
  private static void checkFieldNames(ObjectNode tree, Path file) {
    Set<String> known = FIELDS;
    tree.fieldNames().forEachRemaining(name -> {
      if (!known.contains(name)) {
        throw new InvalidModelException(
            "invalid manifest " + file + ": unknown field '" + name + "' (known: " + String.join(", ", FIELD_ORDER) + ")");
      }
    });
  }

  static byte[] toBytes(ModelManifest manifest) {
    try {
      return MAPPER.writeValueAsBytes(manifest);
    } catch (JacksonException e) {
      throw new IllegalStateException("cannot serialise manifest " + manifest.id(), e);
    }
  }

  /** Writes via a temporary file and an atomic rename so readers never see half a manifest. */
  static void write(ModelManifest manifest, Path file) throws IOException {
    AtomicFiles.write(file, toBytes(manifest));
  }

  private static String describe(IOException e) {
    // The record constructor's own message ("dimensions must be in 1..4096") is the useful part.
    if (e instanceof ValueInstantiationException v && v.getCause() != null) {
      return v.getCause().getMessage();
    }
    if (e instanceof JacksonException j) {
      return j.getOriginalMessage();
    }
    return e.toString();
  }
}
