package io.sextant.services.model;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Imports a model folder in Hugging Face ONNX-export layout into the models folder.
 *
 * <p>The source needs an ONNX file ({@code model.onnx} or {@code onnx/model.onnx}; a quantised
 * variant only if no float one exists) and {@code tokenizer.json}. A {@code manifest.json} in the
 * source may give any subset of the {@link ModelManifest} fields; the rest are inferred from the
 * sentence-transformers and transformers config files. The model is loaded and checked by
 * {@link ModelValidator} from the source files <em>before</em> anything is written, then copied
 * into a hidden staging folder and renamed into place, so a failed import leaves nothing behind.
 */
public final class ModelImporter {
  /** Where exports put the ONNX file, float versions first. */
  static final List<String> ONNX_CANDIDATES =
      List.of("model.onnx", "onnx/model.onnx", "model_quantized.onnx", "onnx/model_quantized.onnx",
          "onnx/model_int8.onnx", "onnx/model_uint8.onnx");
  /** Used when no config file says how long inputs may be: BERT's limit. */
  static final int FALLBACK_MAX_TOKENS = 512;
  /** tokenizer_config.json's model_max_length above this is a "no limit" sentinel (1e30), not a limit. */
  static final int SANE_MAX_TOKENS = 8192;

  private final Path modelsDir;

  public ModelImporter(Path modelsDir) {
    this.modelsDir = Objects.requireNonNull(modelsDir, "modelsDir").toAbsolutePath();
  }

  /**
   * Imports {@code source} as a user model.
   *
   * @param name the model id to use (sanitised); null for the source manifest's id or folder name
   * @param threads intra-op threads for the validation run; {@code <= 0} means all cores
   * @return the new model folder
   * @throws InvalidModelException with a specific reason when the source cannot be used
   */
  public ModelFolder importFolder(Path source, String name, int threads) {
    Objects.requireNonNull(source, "source");
    if (!Files.isDirectory(source)) {
      throw new InvalidModelException("not a folder: " + source);
    }
    Path onnx = findOnnx(source);
    Path tokenizer = source.resolve(ModelFolder.TOKENIZER_FILE);
    if (!Files.isRegularFile(tokenizer)) {
      throw new InvalidModelException(
          "no tokenizer.json in " + source + " (Sextant needs the Hugging Face fast-tokenizer file;"
              + " save it with tokenizer.save_pretrained)");
    }
    try {
      if (!OnnxFiles.looksLikeOnnx(onnx)) {
        throw new InvalidModelException(onnx + " is not an ONNX model (it does not start with an ONNX ModelProto header)");
      }
    } catch (IOException e) {
      throw new InvalidModelException("cannot read " + onnx + ": " + e, e);
    }
    Path userManifest = source.resolve(ModelFolder.MANIFEST_FILE);
    ObjectNode declared = Files.isRegularFile(userManifest)
        ? ManifestJson.readTree(userManifest) : ManifestJson.mapper().createObjectNode();
    String id = chooseId(name, declared, source);
    if (BuiltinModels.find(id).isPresent()) {
      throw new InvalidModelException("'" + id + "' is the id of a built-in model; import under another name");
    }
    if (Files.exists(modelsDir.resolve(id))) {
      throw new InvalidModelException("a model named '" + id + "' already exists in " + modelsDir);
    }
    ModelManifest manifest = manifest(id, source, onnx, tokenizer, declared, userManifest);
    try (OnnxTextEmbedder embedder =
        OnnxTextEmbedder.open(onnx, tokenizer, manifest, threads, OnnxTextEmbedder.defaultBatchSize(onnx))) {
      ModelValidator.validate(embedder);
    }
    try {
      return install(manifest, onnx, tokenizer);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy model " + id + " into " + modelsDir, e);
    }
  }

  /** Lower-case, runs of other characters become '-', at most 64: a valid {@link ModelManifest} id. */
  public static String sanitiseId(String raw) {
    String id = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[^a-z0-9]+", "");
    if (id.length() > 64) {
      id = id.substring(0, 64);
    }
    if (id.isEmpty()) {
      throw new InvalidModelException("cannot make a model id out of '" + raw + "'; give a name with letters or digits");
    }
    return id;
  }

  private static Path findOnnx(Path source) {
    for (String candidate : ONNX_CANDIDATES) {
      Path p = source.resolve(candidate);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new InvalidModelException("no ONNX model in " + source + " (looked for " + String.join(", ", ONNX_CANDIDATES) + ")");
  }

  private static String chooseId(String name, ObjectNode declared, Path source) {
    if (name != null && !name.isBlank()) {
      return sanitiseId(name);
    }
    if (declared.hasNonNull("id")) {
      return sanitiseId(declared.get("id").asText());
    }
    return sanitiseId(source.toAbsolutePath().normalize().getFileName().toString());
  }

  /** The declared fields, completed by inference; the SHA-256 is filled in when the file is copied. */
  private static ModelManifest manifest(
      String id, Path source, Path onnx, Path tokenizer, ObjectNode declared, Path userManifest) {
    ObjectNode tree = ManifestJson.mapper().createObjectNode();
    tree.put("id", id);
    tree.put("normalize", true);
    tree.put("similarity", "cosine");
    tree.put("source", "folder:" + source.toAbsolutePath().normalize());
    if (!declared.has("pooling")) {
      tree.put("pooling", inferPooling(source).name());
    }
    if (!declared.has("maxTokens")) {
      tree.put("maxTokens", inferMaxTokens(source));
    }
    if (!declared.has("dimensions")) {
      tree.put("dimensions", inferDimensions(onnx, tokenizer));
    }
    declared.fieldNames().forEachRemaining(f -> {
      if (!f.equals("id")) {
        tree.set(f, declared.get(f));
      }
    });
    return ManifestJson.fromTree(tree, userManifest);
  }

  /** sentence-transformers' pooling config when present; mean pooling otherwise (its default). */
  static Pooling inferPooling(Path source) {
    JsonNode config = readJson(source.resolve("1_Pooling").resolve("config.json"));
    if (config == null) {
      return Pooling.MEAN;
    }
    if (config.path("pooling_mode_cls_token").asBoolean(false)) {
      return Pooling.CLS;
    }
    if (config.path("pooling_mode_mean_tokens").asBoolean(false)) {
      return Pooling.MEAN;
    }
    // Max, last-token or weighted pooling would silently give poor vectors if run as MEAN.
    throw new InvalidModelException(
        source.resolve("1_Pooling/config.json") + " asks for a pooling mode Sextant does not support"
            + " (only CLS and mean); write a manifest.json with \"pooling\" to override");
  }

  static int inferMaxTokens(Path source) {
    JsonNode st = readJson(source.resolve("sentence_bert_config.json"));
    if (st != null && st.path("max_seq_length").canConvertToInt() && st.path("max_seq_length").asInt() > 0) {
      return st.path("max_seq_length").asInt();
    }
    JsonNode tc = readJson(source.resolve("tokenizer_config.json"));
    if (tc != null && tc.path("model_max_length").isNumber()) {
      double max = tc.path("model_max_length").asDouble();
      if (max >= 8 && max <= SANE_MAX_TOKENS) {
        return (int) max;
      }
    }
    JsonNode config = readJson(source.resolve("config.json"));
    if (config != null && config.path("max_position_embeddings").canConvertToInt()) {
      int positions = config.path("max_position_embeddings").asInt();
      // RoBERTa-family position ids start after the padding index, so two positions are unusable.
      if (config.path("model_type").asText("").contains("roberta")) {
        positions -= 2;
      }
      if (positions >= 8) {
        return Math.min(positions, SANE_MAX_TOKENS);
      }
    }
    return FALLBACK_MAX_TOKENS;
  }

  /** The hidden size from the output's declared shape, or from one probe run when it is symbolic. */
  static int inferDimensions(Path onnx, Path tokenizerFile) {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = OnnxTextEmbedder.openSession(env, onnx, 1)) {
      InputNames names = InputNames.of(session, onnx);
      if (names.hiddenSize() > 0) {
        return (int) names.hiddenSize();
      }
      try (HuggingFaceTokenizer tokenizer = OnnxTextEmbedder.openTokenizer(tokenizerFile)) {
        long[] ids = tokenizer.encode("probe", true, false).getIds();
        TokenizedTexts texts = new TokenizedTexts(new long[][] {ids}, 0);
        var inputs = new BatchInputs(names, 1, ids.length, 0).tensors(env, texts, 0, 1);
        try (OrtSession.Result result = session.run(inputs, java.util.Set.of(names.hiddenState()))) {
          long[] shape = ((OnnxTensor) result.get(0)).getInfo().getShape();
          return Math.toIntExact(shape[2]);
        } finally {
          BatchInputs.close(inputs);
        }
      }
    } catch (OrtException e) {
      throw new InvalidModelException("cannot run " + onnx + " to find its output size: " + e.getMessage(), e);
    }
  }

  private ModelFolder install(ModelManifest manifest, Path onnx, Path tokenizer) throws IOException {
    Files.createDirectories(modelsDir);
    Path staging = Files.createTempDirectory(modelsDir, ".import-" + manifest.id() + "-");
    try {
      String sha;
      try (InputStream in = Files.newInputStream(onnx);
          OutputStream out = Files.newOutputStream(staging.resolve(ModelFolder.ONNX_FILE))) {
        sha = Sha256.copy(in, out);
      }
      if (!manifest.onnxSha256().isEmpty() && !manifest.onnxSha256().equalsIgnoreCase(sha)) {
        throw new InvalidModelException(
            onnx + " has SHA-256 " + sha + " but its manifest.json declares " + manifest.onnxSha256());
      }
      copyExternalData(onnx, staging);
      Files.copy(tokenizer, staging.resolve(ModelFolder.TOKENIZER_FILE));
      ModelManifest hashed = new ModelManifest(manifest.id(), manifest.dimensions(), manifest.pooling(),
          manifest.normalize(), manifest.maxTokens(), manifest.queryPrefix(), manifest.passagePrefix(),
          manifest.similarity(), manifest.licence(), manifest.source(), sha);
      ManifestJson.write(hashed, staging.resolve(ModelFolder.MANIFEST_FILE));
      Path target = modelsDir.resolve(manifest.id());
      try {
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException e) {
        throw new InvalidModelException("a model named '" + manifest.id() + "' was imported meanwhile", e);
      }
      return new ModelFolder(target, hashed);
    } finally {
      deleteRecursively(staging);
    }
  }

  /**
   * Models over 2 GB keep weights in a side file named inside the graph; copy it under its own
   * name so the graph still finds it next to model.onnx.
   */
  private static void copyExternalData(Path onnx, Path staging) throws IOException {
    for (String suffix : List.of("_data", ".data")) {
      Path data = onnx.resolveSibling(onnx.getFileName() + suffix);
      if (Files.isRegularFile(data)) {
        Files.copy(data, staging.resolve(data.getFileName()));
      }
    }
  }

  private static JsonNode readJson(Path file) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      return ManifestJson.mapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new InvalidModelException("cannot parse " + file + ": " + e.getMessage(), e);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
