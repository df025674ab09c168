package io.sextant.services.bench;

import java.util.List;

/** One benchmark suite of {@code sextant bench SUITE}: measures, logs progress, returns rows. */
public interface BenchSuite {

  /** The name on the command line, e.g. {@code embed}. */
  String name();

  /** One line for {@code sextant bench --help}. */
  String description();

  /**
   * Runs the suite. Throws {@link MissingPeerException} when a peer or shared data it needs is
   * absent, so the command can say so and exit non-zero.
   */
  List<BenchRow> run(BenchContext context) throws Exception;
}
