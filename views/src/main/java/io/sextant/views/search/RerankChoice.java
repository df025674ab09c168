package io.sextant.views.search;

import io.sextant.services.search.Rerank;
import io.sextant.views.common.RerankModels;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One entry of the Search pane's re-rank menu: off, or a model with how it scores pairs.
 *
 * @param kind off, bi-encoder or cross-encoder
 * @param modelId the second-stage model, or null when off
 */
public record RerankChoice(Kind kind, String modelId) {

  /** How the second stage scores a query and a passage. */
  public enum Kind {
    OFF,
    /** An embedding model: query and passage embedded apart, scored by cosine. */
    BI_ENCODER,
    /** Query and passage read together, one relevance logit: slower, usually sharper. */
    CROSS_ENCODER
  }

  public static final RerankChoice OFF = new RerankChoice(Kind.OFF, null);

  public RerankChoice {
    Objects.requireNonNull(kind, "kind");
    if ((kind == Kind.OFF) != (modelId == null)) {
      throw new IllegalArgumentException("a model id is needed exactly when re-ranking is on: "
          + kind + " " + modelId);
    }
  }

  /** Off first, then cross-encoders (the usual reason to re-rank), then bi-encoders. */
  public static List<RerankChoice> options(RerankModels models) {
    List<RerankChoice> out = new ArrayList<>();
    out.add(OFF);
    models.crossEncoders().forEach(m -> out.add(new RerankChoice(Kind.CROSS_ENCODER, m)));
    models.biEncoders().forEach(m -> out.add(new RerankChoice(Kind.BI_ENCODER, m)));
    return out;
  }

  /** The choice saved as {@link #key()}, if it is still offered; otherwise off. */
  public static RerankChoice find(List<RerankChoice> options, String key) {
    return options.stream().filter(c -> c.key().equals(key)).findFirst().orElse(OFF);
  }

  /** A stable text form for remembering the choice between runs. */
  public String key() {
    return kind == Kind.OFF ? "off" : kind.name() + ":" + modelId;
  }

  /** The second stage a request carries, or null when off. */
  public Rerank toRerank(int depth) {
    return kind == Kind.OFF ? null : new Rerank(modelId, depth);
  }

  /** The menu text. */
  public String label() {
    return switch (kind) {
      case OFF -> "No re-ranking";
      case BI_ENCODER -> modelId + " (bi-encoder)";
      case CROSS_ENCODER -> modelId + " (cross-encoder)";
    };
  }

  /** " · re-ranked top 50 by X in 120 ms", for the summary line; "" without a second stage. */
  public static String summary(Rerank rerank, long rerankMicros) {
    if (rerank == null) {
      return "";
    }
    return " · re-ranked top " + rerank.depth() + " by " + rerank.modelId() + " in "
        + Math.round(rerankMicros / 1000.0) + " ms";
  }
}
