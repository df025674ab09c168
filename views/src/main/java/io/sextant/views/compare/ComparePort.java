package io.sextant.views.compare;

import io.sextant.services.search.SearchResponse;
import io.sextant.views.common.Setup;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** What the Compare screen asks of the engine; every call runs in the background. */
public interface ComparePort {

  /** Agreement between the lists of setups {@code a} and {@code b} (indices into the setups). */
  record Pair(int a, int b, double overlap, double jaccard, double rbo, Double kendallTau, int shared) {}

  /**
   * The lists side by side.
   *
   * @param responses one per setup, in the order asked
   * @param pairs agreement for every pair of setups
   */
  record Comparison(String query, List<Setup> setups, List<SearchResponse> responses, List<Pair> pairs, int k) {
    public Comparison {
      setups = List.copyOf(setups);
      responses = List.copyOf(responses);
      pairs = List.copyOf(pairs);
      if (setups.size() != responses.size()) {
        throw new IllegalArgumentException("one response per setup");
      }
    }
  }

  /** Runs {@code query} against every setup (top {@code k} files each) and measures agreement. */
  CompletableFuture<Comparison> compare(String query, List<Setup> setups, int k);

  /**
   * Corpus-level agreement of two models.
   *
   * @param value mean share of each passage's k nearest neighbours both models agree on (0..1)
   * @param passages passages both models have vectors for
   * @param scored passages whose neighbours were compared (fewer than {@code passages} when the
   *     corpus was sampled)
   */
  record Agreement(double value, int k, int passages, int scored) {}

  /**
   * Corpus-level agreement of two models: the mean share of each passage's {@code k} nearest
   * neighbours that both models agree on.
   */
  CompletableFuture<Agreement> neighbourAgreement(String modelA, String modelB, int k);
}
