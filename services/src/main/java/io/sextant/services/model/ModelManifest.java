package io.sextant.services.model;

import java.util.Objects;

/**
 * Everything Sextant must know to run a text embedding model the way its authors evaluated it.
 *
 * <p>Prefixes matter: e5 was trained with "query: " / "passage: " and bge with a query
 * instruction; leaving them out costs several points of nDCG, so they are part of the model's
 * identity rather than a search option.
 *
 * @param id stable identifier used in CLI flags, index field names and the embedding cache
 * @param dimensions length of the output vector
 * @param pooling how token vectors become one vector
 * @param normalize whether output vectors are L2-normalised (Sextant always stores unit vectors)
 * @param maxTokens longest input in tokens, special tokens included; longer inputs are truncated
 * @param queryPrefix text put before every query ("" for none)
 * @param passagePrefix text put before every passage ("" for none)
 * @param similarity similarity the model was trained for ("cosine" or "dot")
 * @param licence SPDX-style licence of the weights
 * @param source where the ONNX file came from (artifact coordinates or a folder)
 * @param onnxSha256 SHA-256 (hex) of the ONNX file, checked before the file is used
 */
public record ModelManifest(
    String id,
    int dimensions,
    Pooling pooling,
    boolean normalize,
    int maxTokens,
    String queryPrefix,
    String passagePrefix,
    String similarity,
    String licence,
    String source,
    String onnxSha256) {

  public ModelManifest {
    Objects.requireNonNull(id, "id");
    if (!id.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
      throw new IllegalArgumentException(
          "model id must be 1-64 lower-case letters, digits, '.', '_' or '-': " + id);
    }
    if (dimensions <= 0 || dimensions > 4096) {
      throw new IllegalArgumentException("dimensions must be in 1..4096, got " + dimensions);
    }
    Objects.requireNonNull(pooling, "pooling");
    if (maxTokens < 8) {
      throw new IllegalArgumentException("maxTokens must be at least 8, got " + maxTokens);
    }
    queryPrefix = queryPrefix == null ? "" : queryPrefix;
    passagePrefix = passagePrefix == null ? "" : passagePrefix;
    similarity = similarity == null ? "cosine" : similarity;
    licence = licence == null ? "unknown" : licence;
    source = source == null ? "" : source;
    onnxSha256 = onnxSha256 == null ? "" : onnxSha256;
  }
}
