package io.sextant.services.model;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A transformer encoder run with ONNX Runtime, tokenised with Hugging Face tokenizers (via DJL).
 *
 * <p>Pipeline per call: tokenise every text (no padding, no truncation by the tokenizer), cut
 * over-long texts ourselves and count them, sort by length so each batch pads little, run each
 * batch from direct buffers, pool the last hidden state (mean under the mask, or [CLS]),
 * L2-normalise, and put the vectors back in input order.
 *
 * <p>Thread-safe: ONNX Runtime sessions and Rust tokenizers both allow concurrent use; a
 * read-write lock only keeps {@link #close()} from freeing native memory under a running call.
 */
public final class OnnxTextEmbedder implements TextEmbedder {
  /** Texts per model run for float models unless told otherwise. */
  public static final int DEFAULT_BATCH_SIZE = 32;

  // Texts tokenised per native call: bounds the native encodings alive at once for big inputs.
  private static final int TOKENIZE_CHUNK = 256;

  private final ModelManifest manifest;
  private final OrtEnvironment env;
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;
  private final InputNames names;
  private final Set<String> outputs;
  private final int batchSize;
  private final AtomicReference<BatchInputs> spare = new AtomicReference<>();
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed; // guarded by lock

  private OnnxTextEmbedder(
      ModelManifest manifest, OrtEnvironment env, OrtSession session,
      HuggingFaceTokenizer tokenizer, InputNames names, int batchSize) {
    this.manifest = manifest;
    this.env = env;
    this.session = session;
    this.tokenizer = tokenizer;
    this.names = names;
    this.outputs = Set.of(names.hiddenState());
    this.batchSize = batchSize;
  }

  /**
   * Opens a model folder with {@link #defaultBatchSize(Path) its default batch size};
   * {@code threads <= 0} means one intra-op thread per available processor.
   */
  public static OnnxTextEmbedder open(ModelFolder folder, int threads) {
    return open(folder, threads, defaultBatchSize(folder.onnxFile()));
  }

  /**
   * {@link #DEFAULT_BATCH_SIZE} for float models, 1 for dynamically quantised ones.
   *
   * <p>A dynamically quantised model (the int8 built-ins) scales each activation tensor by its
   * own min and max, so in a batch every text's vector depends on the other texts and on the
   * padding: the same text moved between batches changed by up to 0.025 in cosine on
   * all-MiniLM-L6-v2-q. One text per run keeps a text's vector a function of the text alone
   * (what the embedding cache and re-indexing assume), at a measured cost of roughly a quarter of
   * the int8 throughput; pass a batch size explicitly to trade that back.
   */
  public static int defaultBatchSize(Path onnxFile) {
    ModelFolder.requireFile(onnxFile, "ONNX model");
    try {
      return OnnxFiles.usesDynamicQuantisation(onnxFile) ? 1 : DEFAULT_BATCH_SIZE;
    } catch (IOException e) {
      throw new InvalidModelException("cannot read ONNX model " + onnxFile + ": " + e, e);
    }
  }

  public static OnnxTextEmbedder open(ModelFolder folder, int threads, int batchSize) {
    return open(folder.onnxFile(), folder.tokenizerFile(), folder.manifest(), threads, batchSize);
  }

  /**
   * Loads an ONNX file and a tokenizer.json under a manifest. Does not check the manifest's
   * SHA-256 (see {@link ModelFolder#verifyChecksum()}).
   *
   * @param threads intra-op threads; {@code <= 0} means one per available processor
   * @param batchSize texts per model run
   * @throws InvalidModelException naming the file when either file is missing or unusable, or when
   *     the model's output size contradicts the manifest
   */
  public static OnnxTextEmbedder open(
      Path onnxFile, Path tokenizerFile, ModelManifest manifest, int threads, int batchSize) {
    Objects.requireNonNull(manifest, "manifest");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
    }
    ModelFolder.requireFile(onnxFile, "ONNX model");
    ModelFolder.requireFile(tokenizerFile, "tokenizer");
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    OrtSession session = openSession(env, sessionFile(env, onnxFile), onnxFile, threads);
    HuggingFaceTokenizer tokenizer = null;
    try {
      InputNames names = InputNames.of(session, onnxFile);
      if (names.hiddenSize() > 0 && names.hiddenSize() != manifest.dimensions()) {
        throw dimensionMismatch(onnxFile.toString(), names.hiddenSize(), manifest);
      }
      tokenizer = openTokenizer(tokenizerFile);
      return new OnnxTextEmbedder(manifest, env, session, tokenizer, names, batchSize);
    } catch (OrtException | RuntimeException e) {
      closeQuietly(session);
      if (tokenizer != null) {
        tokenizer.close();
      }
      if (e instanceof OrtException) {
        throw new InvalidModelException("cannot read the inputs of " + onnxFile + ": " + e.getMessage(), e);
      }
      throw (RuntimeException) e;
    }
  }

  /**
   * The file a session for {@code onnxFile} should load: on ONNX Runtime 1.29 and older, a copy
   * whose LayerNorms stay unfused (see {@link LayerNormUnfusion}: 1.09x fp32, 1.29x int8 on
   * MiniLM), else the file itself.
   */
  static Path sessionFile(OrtEnvironment env, Path onnxFile) {
    return LayerNormUnfusion.neededFor(env.getVersion()) ? LayerNormUnfusion.sessionFile(onnxFile) : onnxFile;
  }

  /** A session on the model exactly as it is on disk (import checks, baselines). */
  static OrtSession openSession(OrtEnvironment env, Path onnxFile, int threads) {
    return openSession(env, onnxFile, onnxFile, threads);
  }

  /** A session on {@code file}, which holds {@code onnxFile}'s model; errors name {@code onnxFile}. */
  static OrtSession openSession(OrtEnvironment env, Path file, Path onnxFile, int threads) {
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
      // One inter-op thread: an encoder graph is a chain, parallel branches would only contend.
      options.setInterOpNumThreads(1);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      // No spinning: by default ONNX Runtime's threads busy-wait for the next parallel section.
      // That pays only when every thread has a core to itself. Sextant shares its cores (parsing
      // and chunking overlap inference in an ingest; the window; on this project's machines,
      // other processes), and a spinning thread then burns the very time slice its partner
      // needs. Measured side by side on a loaded 2-core machine (load average 13): 200 batch-1
      // queries 1.26 s without spinning against 7.1 s with it; bulk fp32 batch 32, 1.45x faster.
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      // Work of a parallel section handed out in shrinking blocks instead of one fixed share per
      // thread: when the other thread wakes late (no spinning, a shared core), the calling thread
      // takes over the rest instead of waiting for it. Batch-1 queries, three interleaved runs of
      // 600-1,500 at load 8-11: p95 10-20 % lower (17.4 vs 19.4 ms in the longest), p50 1-14 %
      // lower; bulk batch 32 unchanged within that run's noise (p50 -7 %, total +3.5 %).
      options.addConfigEntry("session.dynamic_block_base", "4");
      // From a path, not a byte[]: ONNX Runtime maps the file instead of copying it via the heap.
      return env.createSession(file.toString(), options);
    } catch (OrtException e) {
      throw new InvalidModelException("cannot load ONNX model " + onnxFile + ": " + e.getMessage(), e);
    }
  }

  static HuggingFaceTokenizer openTokenizer(Path tokenizerFile) {
    try {
      // Padding and truncation off: some tokenizer.json files (all-MiniLM-L6-v2's) fix both at
      // 128, which would silently cut texts the model accepts up to 256 or 512 tokens. We pad
      // per batch and truncate (and count) ourselves.
      return HuggingFaceTokenizer.builder()
          .optTokenizerPath(tokenizerFile)
          .optAddSpecialTokens(true)
          .optPadding(false)
          .optTruncation(false)
          .build();
    } catch (IOException | RuntimeException e) {
      throw new InvalidModelException("cannot load tokenizer " + tokenizerFile + ": " + e.getMessage(), e);
    }
  }

  @Override
  public ModelManifest manifest() {
    return manifest;
  }

  /** Texts per model run. */
  public int batchSize() {
    return batchSize;
  }

  @Override
  public int countTokens(String text) {
    Objects.requireNonNull(text, "text");
    lock.readLock().lock();
    try {
      ensureOpen();
      return tokenizer.encode(text, false, false).getIds().length;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public EmbeddingBatch embedPassages(List<String> texts) {
    Objects.requireNonNull(texts, "texts");
    lock.readLock().lock();
    try {
      ensureOpen();
      TokenizedTexts tokens = tokenize(texts, manifest.passagePrefix());
      return new EmbeddingBatch(embed(tokens), tokens.truncated, tokens.tokens);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public float[] embedQuery(String query) {
    Objects.requireNonNull(query, "query");
    lock.readLock().lock();
    try {
      ensureOpen();
      return embed(tokenize(List.of(query), manifest.queryPrefix()))[0];
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        spare.set(null);
        closeQuietly(session);
        tokenizer.close();
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Tokenises {@code prefix + text} for each text, truncating like Hugging Face does for a single
   * sequence: the first {@code maxTokens - 1} ids, then the closing special token ([SEP], EOS).
   */
  TokenizedTexts tokenize(List<String> texts, String prefix) {
    int n = texts.size();
    long[][] ids = new long[n][];
    int truncated = 0;
    for (int start = 0; start < n; start += TOKENIZE_CHUNK) {
      int end = Math.min(n, start + TOKENIZE_CHUNK);
      String[] part = new String[end - start];
      for (int i = start; i < end; i++) {
        String text = texts.get(i);
        if (text == null) {
          throw new NullPointerException("texts[" + i + "] is null");
        }
        part[i - start] = prefix.isEmpty() ? text : prefix + text;
      }
      truncated += TokenIds.encode(tokenizer, part, manifest.maxTokens(), ids, start);
    }
    return new TokenizedTexts(ids, truncated);
  }

  /** Runs the model over the texts in length order and returns unit vectors in input order. */
  private float[][] embed(TokenizedTexts texts) {
    int n = texts.size();
    float[][] vectors = new float[n][];
    if (n == 0) {
      return vectors;
    }
    BatchInputs buffers = takeBuffers(Math.min(batchSize, n), texts.longest(0, n));
    try {
      for (int from = 0; from < n; from += batchSize) {
        int to = Math.min(n, from + batchSize);
        int length = texts.longest(from, to);
        Map<String, OnnxTensor> inputs = buffers.tensors(env, texts, from, to);
        OnnxTensor pinned = null;
        try {
          pinned = buffers.hiddenTensor(env, to - from, length);
          try (OrtSession.Result result = pinned == null
              ? session.run(inputs, outputs)
              : session.run(inputs, Map.of(names.hiddenState(), pinned))) {
            FloatBuffer hidden = pinned != null ? buffers.hidden() : hiddenStates(result.get(0), to - from, length);
            pool(hidden, texts, from, to, vectors);
          }
        } finally {
          BatchInputs.close(inputs);
          if (pinned != null) {
            pinned.close();
          }
        }
      }
    } catch (OrtException e) {
      throw new IllegalStateException(
          "ONNX Runtime failed on model " + manifest.id() + ": " + e.getMessage(), e);
    } finally {
      spare.set(buffers);
    }
    return vectors;
  }

  /**
   * Buffers for batches of {@code rows} x {@code length}: the ones the last call left when they
   * are big enough, so a stream of calls (an ingest) allocates and zeroes its direct memory once.
   * Concurrent calls each get their own; at most one set is kept.
   */
  private BatchInputs takeBuffers(int rows, int length) {
    int dims = names.hiddenSize() > 0 ? manifest.dimensions() : 0;
    BatchInputs b = spare.getAndSet(null);
    if (b != null && b.fits(rows, length, dims)) {
      return b;
    }
    if (b != null) { // grow to cover both, so alternating sizes do not reallocate every call
      rows = Math.max(rows, b.maxRows());
      length = Math.max(length, b.maxLength());
    }
    return new BatchInputs(names, rows, length, dims);
  }

  /**
   * The hidden states of a run whose output ONNX Runtime allocated itself (a model whose hidden
   * size is symbolic in the ONNX file, so no output buffer could be pinned): checked, then copied
   * out once.
   */
  private FloatBuffer hiddenStates(OnnxValue output, int rows, int length) throws OrtException {
    if (!(output instanceof OnnxTensor tensor)) {
      throw new InvalidModelException("model " + manifest.id() + " output " + names.hiddenState() + " is not a tensor");
    }
    long[] shape = tensor.getInfo().getShape();
    if (shape.length != 3 || shape[0] != rows || shape[1] != length) {
      throw new InvalidModelException(
          "model " + manifest.id() + " returned " + names.hiddenState() + " of shape "
              + Arrays.toString(shape) + " for a batch of " + rows + " x " + length + " tokens");
    }
    if (shape[2] != manifest.dimensions()) {
      throw dimensionMismatch("model '" + manifest.id() + "'", shape[2], manifest);
    }
    return tensor.getFloatBuffer();
  }

  /**
   * Pools each text's rows of {@code hidden} ({@code [rows, length, dim]} from index 0) into
   * {@code vectors}, normalised. Each text's real tokens are copied out in one bulk get (padding
   * is never read), then summed in a plain array the JIT vectorises.
   */
  private void pool(FloatBuffer hidden, TokenizedTexts texts, int from, int to, float[][] vectors) {
    int rows = to - from;
    int length = texts.longest(from, to);
    int dim = manifest.dimensions();
    boolean cls = manifest.pooling() == Pooling.CLS;
    float[] row = cls ? null : new float[length * dim];
    for (int r = 0; r < rows; r++) {
      int index = texts.byLength[from + r];
      int tokens = texts.ids[index].length;
      int rowStart = r * length * dim;
      float[] v = new float[dim];
      if (cls) {
        hidden.get(rowStart, v, 0, dim);
      } else {
        // Sum only the real tokens (the mask is 1 exactly for the first `tokens` positions).
        // Dividing by the count is skipped: normalisation below removes any scale.
        hidden.get(rowStart, row, 0, tokens * dim);
        for (int t = 0; t < tokens; t++) {
          int at = t * dim;
          for (int d = 0; d < dim; d++) {
            v[d] += row[at + d];
          }
        }
      }
      normalise(v);
      vectors[index] = v;
    }
  }

  /** Scales to unit length; Sextant stores only unit vectors, so cosine is a dot product. */
  static void normalise(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += (double) x * x;
    }
    if (sum > 0) {
      float scale = (float) (1.0 / Math.sqrt(sum));
      for (int i = 0; i < v.length; i++) {
        v[i] *= scale;
      }
    }
  }

  // Package-private hooks for EmbeddingBenchmark's bare loop over the same batches.

  Map<String, OnnxTensor> inputs(BatchInputs buffers, TokenizedTexts texts, int from, int to)
      throws OrtException {
    return buffers.tensors(env, texts, from, to);
  }

  BatchInputs newBuffers(int rows, int length) {
    return new BatchInputs(names, rows, length, 0);
  }

  /** The outputs {@link #runOnly} asks for, for a baseline session run the same way. */
  Set<String> runOutputs() {
    return outputs;
  }

  /** Only {@code session.run}: the reference the benchmark compares the pipeline against. */
  void runOnly(Map<String, OnnxTensor> inputs) throws OrtException {
    lock.readLock().lock();
    try {
      ensureOpen();
      session.run(inputs, outputs).close();
    } finally {
      lock.readLock().unlock();
    }
  }

  TokenizedTexts tokenizePassages(List<String> texts) {
    lock.readLock().lock();
    try {
      ensureOpen();
      return tokenize(texts, manifest.passagePrefix());
    } finally {
      lock.readLock().unlock();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("embedder for model " + manifest.id() + " is closed");
    }
  }

  private static InvalidModelException dimensionMismatch(String what, long actual, ModelManifest manifest) {
    return new InvalidModelException(
        what + " outputs " + actual + "-dimensional token vectors, but the manifest of '"
            + manifest.id() + "' declares dimensions " + manifest.dimensions());
  }

  private static void closeQuietly(OrtSession session) {
    try {
      session.close();
    } catch (OrtException e) {
      // Nothing useful to do: the session is unusable either way.
    }
  }

  @Override
  public String toString() {
    return "OnnxTextEmbedder[" + manifest.id() + ", batch " + batchSize + "]";
  }
}
