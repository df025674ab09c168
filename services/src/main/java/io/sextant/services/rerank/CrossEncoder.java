package io.sextant.services.rerank;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.util.PairList;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.sextant.services.model.InvalidModelException;
import io.sextant.services.search.Reranker;
import java.io.IOException;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A cross-encoder in the Hugging Face ONNX layout (as exported for ms-marco-MiniLM-L-6-v2 or
 * bge-reranker): inputs {@code input_ids}, {@code attention_mask} and optionally
 * {@code token_type_ids}, output {@code logits} of shape [batch, 1]. The query and each passage are
 * encoded together as one pair ({@code [CLS] query [SEP] passage [SEP]}), so the model attends
 * across both; that is what makes it more accurate than a bi-encoder and too slow for a first stage.
 *
 * <p>A model folder holds {@code model.onnx} and {@code tokenizer.json}. Thread-safe; a read-write
 * lock only keeps {@link #close()} from freeing native memory under a running call.
 */
public final class CrossEncoder implements Reranker, AutoCloseable {

  public static final String ONNX_FILE = "model.onnx";
  public static final String TOKENIZER_FILE = "tokenizer.json";

  /** BERT-family limit; longer pairs lose the passage's tail (the query is kept whole). */
  static final int MAX_TOKENS = 512;

  /** Pairs per model run: the second stage scores tens of passages, so one or two runs. */
  static final int BATCH = 16;

  private final String id;
  private final OrtEnvironment env;
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;
  private final boolean tokenTypes;
  private final String output;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed;

  private CrossEncoder(String id, OrtEnvironment env, OrtSession session,
      HuggingFaceTokenizer tokenizer, boolean tokenTypes, String output) {
    this.id = id;
    this.env = env;
    this.session = session;
    this.tokenizer = tokenizer;
    this.tokenTypes = tokenTypes;
    this.output = output;
  }

  /** Whether {@code dir} looks like a cross-encoder folder (both files present). */
  public static boolean isFolder(Path dir) {
    return Files.isRegularFile(dir.resolve(ONNX_FILE)) && Files.isRegularFile(dir.resolve(TOKENIZER_FILE));
  }

  /**
   * Loads a cross-encoder folder.
   *
   * @param threads intra-op threads; {@code <= 0} means one per available processor
   * @throws InvalidModelException naming the file and the problem when a file is missing, or the
   *     graph lacks the inputs or the [batch, 1] logits output of the layout
   */
  public static CrossEncoder open(Path dir, int threads) {
    Objects.requireNonNull(dir, "dir");
    Path onnx = dir.resolve(ONNX_FILE);
    Path tok = dir.resolve(TOKENIZER_FILE);
    if (!Files.isRegularFile(onnx)) {
      throw new InvalidModelException("cross-encoder folder " + dir + " has no " + ONNX_FILE);
    }
    if (!Files.isRegularFile(tok)) {
      throw new InvalidModelException("cross-encoder folder " + dir + " has no " + TOKENIZER_FILE);
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    OrtSession session;
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
      options.setInterOpNumThreads(1);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      session = env.createSession(onnx.toString(), options);
    } catch (OrtException e) {
      throw new InvalidModelException("cannot load ONNX model " + onnx + ": " + e.getMessage(), e);
    }
    try {
      Map<String, NodeInfo> inputs = session.getInputInfo();
      for (String required : List.of("input_ids", "attention_mask")) {
        if (!inputs.containsKey(required)) {
          throw new InvalidModelException(onnx + " is not a cross-encoder: no input " + required
              + " (inputs: " + inputs.keySet() + ")");
        }
      }
      Map<String, NodeInfo> outputs = session.getOutputInfo();
      String out = outputs.containsKey("logits") ? "logits" : outputs.keySet().iterator().next();
      if (!(outputs.get(out).getInfo() instanceof TensorInfo t) || t.getShape().length != 2
          || (t.getShape()[1] != 1 && t.getShape()[1] != -1)) {
        throw new InvalidModelException(onnx + " is not a cross-encoder: output " + out
            + " should be logits of shape [batch, 1], is " + outputs.get(out).getInfo());
      }
      HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder()
          .optTokenizerPath(tok)
          .optAddSpecialTokens(true)
          .optPadding(true)
          .optTruncateSecondOnly()
          .optMaxLength(MAX_TOKENS)
          .build();
      return new CrossEncoder(dir.getFileName().toString(), env, session, tokenizer,
          inputs.containsKey("token_type_ids"), out);
    } catch (OrtException | IOException | RuntimeException e) {
      try {
        session.close();
      } catch (OrtException ignored) {
        // already failing; the first error is the one worth reporting
      }
      if (e instanceof InvalidModelException ime) {
        throw ime;
      }
      throw new InvalidModelException("cannot load cross-encoder " + dir + ": " + e.getMessage(), e);
    }
  }

  public String id() {
    return id;
  }

  /** One relevance logit per passage for ({@code query}, passage) pairs. */
  @Override
  public double[] score(String query, List<String> passages) {
    Objects.requireNonNull(query, "query");
    double[] out = new double[passages.size()];
    lock.readLock().lock();
    try {
      if (closed) {
        throw new IllegalStateException("cross-encoder " + id + " is closed");
      }
      for (int from = 0; from < passages.size(); from += BATCH) {
        int to = Math.min(passages.size(), from + BATCH);
        PairList<String, String> pairs = new PairList<>(to - from);
        for (String p : passages.subList(from, to)) {
          pairs.add(query, p);
        }
        Encoding[] enc = tokenizer.batchEncode(pairs);
        float[] logits = run(enc);
        for (int i = 0; i < logits.length; i++) {
          out[from + i] = logits[i];
        }
      }
      return out;
    } catch (OrtException e) {
      throw new IllegalStateException("cross-encoder " + id + " failed: " + e.getMessage(), e);
    } finally {
      lock.readLock().unlock();
    }
  }

  private float[] run(Encoding[] enc) throws OrtException {
    int batch = enc.length;
    int len = 0;
    for (Encoding e : enc) {
      len = Math.max(len, e.getIds().length);
    }
    // The tokenizer pads each batch to its longest pair; pad again defensively so shapes agree.
    LongBuffer ids = LongBuffer.allocate(batch * len);
    LongBuffer mask = LongBuffer.allocate(batch * len);
    LongBuffer types = LongBuffer.allocate(batch * len);
    for (Encoding e : enc) {
      long[] a = e.getIds();
      long[] m = e.getAttentionMask();
      long[] t = e.getTypeIds();
      for (int j = 0; j < len; j++) {
        ids.put(j < a.length ? a[j] : 0);
        mask.put(j < m.length ? m[j] : 0);
        types.put(j < t.length ? t[j] : 0);
      }
    }
    ids.flip();
    mask.flip();
    types.flip();
    long[] shape = {batch, len};
    Map<String, OnnxTensor> in = new HashMap<>();
    try {
      in.put("input_ids", OnnxTensor.createTensor(env, ids, shape));
      in.put("attention_mask", OnnxTensor.createTensor(env, mask, shape));
      if (tokenTypes) {
        in.put("token_type_ids", OnnxTensor.createTensor(env, types, shape));
      }
      try (OrtSession.Result r = session.run(in, java.util.Set.of(output))) {
        float[][] logits = (float[][]) r.get(0).getValue();
        float[] out = new float[batch];
        for (int i = 0; i < batch; i++) {
          out[i] = logits[i][0];
        }
        return out;
      }
    } finally {
      in.values().forEach(OnnxTensor::close);
    }
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      tokenizer.close();
      try {
        session.close();
      } catch (OrtException e) {
        throw new IllegalStateException("closing cross-encoder " + id + ": " + e.getMessage(), e);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }
}
