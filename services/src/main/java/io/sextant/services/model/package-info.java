/**
 * Text embedding models: which exist, how they are stored, and how they turn text into vectors.
 *
 * <ul>
 *   <li>{@link io.sextant.services.model.BuiltinModels}: the six models shipped on the class path,
 *       materialised on first use into {@code <modelsDir>/<id>/} and checked by SHA-256.
 *   <li>{@link io.sextant.services.model.ModelRegistry}: built-ins plus imported user models, with a
 *       status per model; opens a {@link io.sextant.services.model.TextEmbedder}.
 *   <li>{@link io.sextant.services.model.OnnxTextEmbedder}: ONNX Runtime and Hugging Face tokenizers;
 *       batches sorted by length, mean or CLS pooling, unit vectors, truncation counted. On ONNX
 *       Runtime 1.29 it loads a copy of the graph with LayerNorm left unfused
 *       ({@code LayerNormUnfusion}: that runtime's fused kernel is slow).
 *   <li>{@link io.sextant.services.model.ModelImporter} and
 *       {@link io.sextant.services.model.ModelValidator}: bring a Hugging Face ONNX export in, and
 *       refuse it unless it runs and its vectors make sense.
 *   <li>{@link io.sextant.services.model.EmbeddingBenchmark}: pipeline throughput against a bare
 *       ONNX Runtime loop over the same batches.
 * </ul>
 *
 * <p>Every vector leaving this package is L2-normalised, so cosine similarity is a dot product.
 */
package io.sextant.services.model;
