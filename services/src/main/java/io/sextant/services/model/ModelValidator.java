package io.sextant.services.model;

import java.util.List;
import java.util.Objects;

/**
 * Runs a loaded model on a few sentences and rejects it when its vectors could not serve search.
 *
 * <p>The checks catch real export mistakes: a manifest with the wrong size, NaNs from a broken
 * fp16 conversion, non-determinism (dropout left on), and models whose vectors carry no meaning
 * (wrong pooling, a tokenizer that does not belong to the model).
 */
public final class ModelValidator {
  /** sentence-transformers' own example: a paraphrase pair and an unrelated sentence. */
  static final String ANCHOR = "A man is eating food.";
  static final String PARAPHRASE = "A man is eating a piece of bread.";
  static final String UNRELATED = "The new movie is awesome.";
  /** Same text, different batches: deterministic models agree to float noise. */
  static final double MIN_SELF_COSINE = 0.999;

  private ModelValidator() {}

  /**
   * Validates an open embedder.
   *
   * @return the cosines measured, for display: [paraphrase, unrelated]
   * @throws InvalidModelException with a specific message when a check fails
   */
  public static double[] validate(TextEmbedder embedder) {
    Objects.requireNonNull(embedder, "embedder");
    ModelManifest manifest = embedder.manifest();
    float[][] v = embedder.embedPassages(List.of(ANCHOR, PARAPHRASE, UNRELATED)).vectors();
    for (int i = 0; i < v.length; i++) {
      if (v[i].length != manifest.dimensions()) {
        throw new InvalidModelException(
            "model '" + manifest.id() + "' produced " + v[i].length + "-dimensional vectors, but its manifest declares "
                + manifest.dimensions());
      }
      for (float x : v[i]) {
        if (!Float.isFinite(x)) {
          throw new InvalidModelException(
              "model '" + manifest.id() + "' produced non-finite values (NaN or infinity) for a simple sentence");
        }
      }
    }
    float[] again = embedder.embedPassages(List.of(ANCHOR)).vectors()[0];
    double self = cosine(v[0], again);
    if (!(self >= MIN_SELF_COSINE)) {
      throw new InvalidModelException(String.format(
          "model '%s' is not deterministic: the same sentence embedded twice has cosine %.4f (need >= %.3f)",
          manifest.id(), self, MIN_SELF_COSINE));
    }
    double paraphrase = cosine(v[0], v[1]);
    double unrelated = cosine(v[0], v[2]);
    if (!(paraphrase > unrelated)) {
      throw new InvalidModelException(String.format(
          "model '%s' does not separate meaning: a paraphrase scores %.4f but an unrelated sentence %.4f"
              + " (wrong pooling, or a tokenizer that does not belong to the model?)",
          manifest.id(), paraphrase, unrelated));
    }
    return new double[] {paraphrase, unrelated};
  }

  static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }
}
