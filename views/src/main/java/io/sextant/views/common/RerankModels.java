package io.sextant.views.common;

import java.util.List;

/**
 * The second-stage models a workspace can re-rank with.
 *
 * @param biEncoders embedding models usable as a (larger) bi-encoder over the first stage's hits
 * @param crossEncoders cross-encoders imported into the workspace's rerankers folder
 */
public record RerankModels(List<String> biEncoders, List<String> crossEncoders) {

  public static final RerankModels NONE = new RerankModels(List.of(), List.of());

  public RerankModels {
    biEncoders = List.copyOf(biEncoders);
    crossEncoders = List.copyOf(crossEncoders);
  }
}
