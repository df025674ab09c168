package io.sextant.app.cli;

import io.sextant.services.search.Fusion;
import picocli.CommandLine.Option;

/** Hybrid fusion options shared by {@code search} and {@code eval}. */
final class FusionOptions {

  @Option(names = "--fusion", paramLabel = "rrf|convex",
      description = "Hybrid fusion: reciprocal rank fusion or a convex combination of min-max "
          + "normalised scores (default: ${DEFAULT-VALUE}).", defaultValue = "convex")
  String fusion;

  @Option(names = "--rrf-k", description = "RRF constant k (default: ${DEFAULT-VALUE}).", defaultValue = "60")
  int rrfK;

  @Option(names = "--alpha", description = "Convex fusion weight of the vector score, 0..1 (default: ${DEFAULT-VALUE}).",
      defaultValue = "0.5")
  double alpha;

  Fusion toFusion() {
    return switch (fusion.toLowerCase()) {
      case "rrf" -> new Fusion.Rrf(rrfK);
      case "convex" -> new Fusion.Convex(alpha);
      default -> throw new IllegalArgumentException("--fusion must be rrf or convex, got " + fusion);
    };
  }
}
