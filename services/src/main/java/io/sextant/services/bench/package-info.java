/**
 * Benchmarks measured side by side with a baseline or a peer in one run.
 *
 * <p>This machine is shared and noisy (CPU steal, 2x swings between runs), so a figure means
 * something only next to its baseline measured in the same run: {@link Interleaved} alternates
 * candidate and baseline A B A B and quotes medians, and every suite reports {@link BenchRow}s
 * (metric, Sextant, baseline, ratio, target, met) that {@link BenchJson} and {@link BenchTable}
 * write out. One {@link BenchSuite} per suite; Node peers are installed on first use by
 * {@link NodePeers}.
 *
 * <p>The vector suites ({@link AnnSuite}, {@link BuildSuite}, {@link QuantSuite}) replay one
 * {@link VectorData} set (latent32 or real MiniLM embeddings, with exact neighbours) through
 * Sextant's index and search ({@link SextantAnnIndex}), the bare Lucene harness
 * ({@link BareLuceneKnn}, and {@link ScalarLucenePeer} without Panama) and hnswlib-node
 * ({@link HnswlibPeer}).
 */
package io.sextant.services.bench;
