package io.sextant.services.clip;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.sextant.services.images.RgbImage;
import io.sextant.services.model.InvalidModelException;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A loaded CLIP model: the text tower, the vision tower, the tokenizer and the preprocessing.
 * Both towers map into one space, so a text vector and an image vector compare by cosine. Vectors
 * are L2-normalised here (exports return the projected, unnormalised embeddings).
 *
 * <p>Input and output names are read from the graphs, not assumed: Hugging Face exports call them
 * {@code input_ids}/{@code attention_mask}/{@code text_embeds} and {@code pixel_values}/{@code
 * image_embeds}; OpenCLIP-style exports {@code text}/{@code image} and {@code embedding}.
 * Thread-safe; a read-write lock keeps {@link #close()} from freeing native memory under a call.
 */
public final class ClipModel implements AutoCloseable {
  private final ClipLayout layout;
  private final OrtEnvironment env;
  private final OrtSession text;
  private final OrtSession vision;
  private final ClipTokenizer tokenizer;
  private final ClipPreprocessor preprocessor;
  private final TextInputs textInputs;
  private final String textOutput;
  private final String imageInput;
  private final String imageOutput;
  private final int dimensions;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed;

  private record TextInputs(String ids, boolean ids32, String mask, int fixedLength) {}

  private ClipModel(ClipLayout layout, OrtEnvironment env, OrtSession text, OrtSession vision,
      ClipTokenizer tokenizer, ClipPreprocessor preprocessor) throws OrtException {
    this.layout = layout;
    this.env = env;
    this.text = text;
    this.vision = vision;
    this.tokenizer = tokenizer;
    this.preprocessor = preprocessor;
    this.textInputs = textInputs(text, layout.textModel());
    this.textOutput = output(text, layout.textModel(), "text_embeds");
    this.imageInput = imageInput(vision, layout.visionModel());
    this.imageOutput = output(vision, layout.visionModel(), "image_embeds");
    int textDims = dims(text, textOutput);
    int imageDims = dims(vision, imageOutput);
    if (textDims > 0 && imageDims > 0 && textDims != imageDims) {
      throw new InvalidModelException("CLIP towers disagree: " + layout.textModel() + " gives " + textDims
          + " dimensions, " + layout.visionModel() + " gives " + imageDims);
    }
    this.dimensions = textDims > 0 ? textDims : imageDims > 0 ? imageDims : -1;
  }

  /**
   * Opens a CLIP export folder in either {@link ClipLayout layout}.
   *
   * @param threads intra-op threads per tower; {@code <= 0} means one per available processor
   * @throws InvalidModelException naming the folder and what is wrong with it
   */
  public static ClipModel open(Path folder, int threads) {
    ClipLayout layout = ClipLayout.find(folder);
    ClipPreprocessor pre = layout.preprocessorConfig().map(ClipPreprocessor::read).orElse(ClipPreprocessor.OPENAI);
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    OrtSession t = null;
    OrtSession v = null;
    ClipTokenizer tok = null;
    try {
      t = session(env, layout.textModel(), threads);
      v = session(env, layout.visionModel(), threads);
      tok = ClipTokenizer.open(layout.tokenizer());
      ClipModel m = new ClipModel(layout, env, t, v, tok, pre);
      if (m.dimensions < 0) {
        throw new InvalidModelException("cannot tell the embedding size of " + layout.textModel());
      }
      return m;
    } catch (OrtException | RuntimeException e) {
      closeQuietly(t);
      closeQuietly(v);
      if (tok != null) {
        tok.close();
      }
      if (e instanceof InvalidModelException ime) {
        throw ime;
      }
      throw new InvalidModelException("cannot use CLIP export " + folder + ": " + e.getMessage(), e);
    }
  }

  private static OrtSession session(OrtEnvironment env, Path file, int threads) {
    try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
      o.setIntraOpNumThreads(threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
      o.setInterOpNumThreads(1);
      o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      return env.createSession(file.toString(), o);
    } catch (OrtException e) {
      throw new InvalidModelException("cannot load ONNX model " + file + ": " + e.getMessage(), e);
    }
  }

  private static TextInputs textInputs(OrtSession s, Path file) throws OrtException {
    String ids = null;
    boolean ids32 = false;
    String mask = null;
    int fixed = -1;
    for (Map.Entry<String, NodeInfo> e : s.getInputInfo().entrySet()) {
      if (!(e.getValue().getInfo() instanceof TensorInfo ti)) {
        continue;
      }
      boolean integer = ti.type == OnnxJavaType.INT64 || ti.type == OnnxJavaType.INT32;
      if (!integer) {
        continue;
      }
      if (e.getKey().equals("attention_mask")) {
        mask = e.getKey();
      } else if (ids == null || e.getKey().equals("input_ids")) {
        ids = e.getKey();
        ids32 = ti.type == OnnxJavaType.INT32;
        long[] shape = ti.getShape();
        fixed = shape.length == 2 && shape[1] > 0 ? (int) shape[1] : -1;
      }
    }
    if (ids == null) {
      throw new InvalidModelException(file + " has no integer token-id input, so it is not a CLIP text tower"
          + " (inputs: " + s.getInputNames() + ")");
    }
    return new TextInputs(ids, ids32, mask, fixed);
  }

  private static String imageInput(OrtSession s, Path file) throws OrtException {
    for (Map.Entry<String, NodeInfo> e : s.getInputInfo().entrySet()) {
      if (e.getValue().getInfo() instanceof TensorInfo ti && ti.type == OnnxJavaType.FLOAT
          && ti.getShape().length == 4) {
        return e.getKey();
      }
    }
    throw new InvalidModelException(file + " has no float [batch, 3, H, W] input, so it is not a CLIP vision"
        + " tower (inputs: " + s.getInputNames() + ")");
  }

  private static String output(OrtSession s, Path file, String preferred) throws OrtException {
    Map<String, NodeInfo> outs = s.getOutputInfo();
    if (outs.containsKey(preferred)) {
      return preferred;
    }
    if (outs.containsKey("embedding")) {
      return "embedding";
    }
    for (Map.Entry<String, NodeInfo> e : outs.entrySet()) {
      if (e.getValue().getInfo() instanceof TensorInfo ti && ti.getShape().length == 2) {
        return e.getKey();
      }
    }
    throw new InvalidModelException(file + " has no [batch, dimensions] output (outputs: " + outs.keySet() + ")");
  }

  private static int dims(OrtSession s, String out) throws OrtException {
    if (s.getOutputInfo().get(out).getInfo() instanceof TensorInfo ti) {
      long[] shape = ti.getShape();
      return shape.length == 2 && shape[1] > 0 ? (int) shape[1] : -1;
    }
    return -1;
  }

  public ClipLayout layout() {
    return layout;
  }

  public int dimensions() {
    return dimensions;
  }

  public ClipPreprocessor preprocessor() {
    return preprocessor;
  }

  public ClipTokenizer tokenizer() {
    return tokenizer;
  }

  /** One text's unit vector. */
  public float[] embedText(String query) {
    return embedTexts(List.of(query)).get(0);
  }

  /** Unit vectors of texts, in order, in one model run (padded to the longest). */
  public List<float[]> embedTexts(List<String> texts) {
    Objects.requireNonNull(texts, "texts");
    if (texts.isEmpty()) {
      return List.of();
    }
    lock.readLock().lock();
    try {
      ensureOpen();
      List<long[]> ids = new ArrayList<>(texts.size());
      int longest = 0;
      for (String t : texts) {
        long[] e = tokenizer.encode(t, textInputs.fixedLength > 0 ? textInputs.fixedLength : ClipTokenizer.CONTEXT);
        ids.add(e);
        longest = Math.max(longest, e.length);
      }
      int len = textInputs.fixedLength > 0 ? textInputs.fixedLength : longest;
      int n = texts.size();
      long[] flat = new long[n * len];
      long[] mask = new long[n * len];
      for (int i = 0; i < n; i++) {
        long[] e = ClipTokenizer.pad(ids.get(i), len, tokenizer.endId());
        System.arraycopy(e, 0, flat, i * len, len);
        for (int j = 0; j < ids.get(i).length; j++) {
          mask[i * len + j] = 1;
        }
      }
      long[] shape = {n, len};
      Map<String, OnnxTensor> in = new HashMap<>();
      try {
        if (textInputs.ids32) {
          int[] i32 = new int[flat.length];
          for (int i = 0; i < flat.length; i++) {
            i32[i] = (int) flat[i];
          }
          in.put(textInputs.ids, OnnxTensor.createTensor(env, IntBuffer.wrap(i32), shape));
        } else {
          in.put(textInputs.ids, OnnxTensor.createTensor(env, LongBuffer.wrap(flat), shape));
        }
        if (textInputs.mask != null) {
          in.put(textInputs.mask, OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
        }
        return run(text, in, textOutput, n);
      } finally {
        in.values().forEach(OnnxTensor::close);
      }
    } catch (OrtException e) {
      throw new IllegalStateException("CLIP text tower " + layout.textModel() + " failed: " + e.getMessage(), e);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** One image's unit vector. */
  public float[] embedImage(RgbImage image) {
    return embedImages(List.of(image)).get(0);
  }

  /** Unit vectors of images, in order, in one model run. */
  public List<float[]> embedImages(List<RgbImage> images) {
    Objects.requireNonNull(images, "images");
    if (images.isEmpty()) {
      return List.of();
    }
    int side = preprocessor.crop();
    int per = 3 * side * side;
    float[] flat = new float[images.size() * per];
    for (int i = 0; i < images.size(); i++) {
      System.arraycopy(preprocessor.tensor(images.get(i)), 0, flat, i * per, per);
    }
    lock.readLock().lock();
    try {
      ensureOpen();
      try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(flat), new long[] {images.size(), 3, side, side})) {
        return run(vision, Map.of(imageInput, t), imageOutput, images.size());
      }
    } catch (OrtException e) {
      throw new IllegalStateException("CLIP vision tower " + layout.visionModel() + " failed: " + e.getMessage(), e);
    } finally {
      lock.readLock().unlock();
    }
  }

  private static List<float[]> run(OrtSession s, Map<String, OnnxTensor> in, String out, int n) throws OrtException {
    try (OrtSession.Result r = s.run(in, java.util.Set.of(out))) {
      float[][] v = (float[][]) r.get(out).orElseThrow().getValue();
      if (v.length != n) {
        throw new IllegalStateException("model returned " + v.length + " vectors for " + n + " inputs");
      }
      List<float[]> res = new ArrayList<>(n);
      for (float[] x : v) {
        res.add(normalise(x));
      }
      return res;
    }
  }

  static float[] normalise(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += (double) x * x;
    }
    float inv = sum > 0 ? (float) (1 / Math.sqrt(sum)) : 0f;
    for (int i = 0; i < v.length; i++) {
      v[i] *= inv;
    }
    return v;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("CLIP model " + layout.textModel().getParent() + " is closed");
    }
  }

  private static void closeQuietly(OrtSession s) {
    if (s != null) {
      try {
        s.close();
      } catch (OrtException ignored) {
        // closing after a failed open; the open failure is what the user sees
      }
    }
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        closeQuietly(text);
        closeQuietly(vision);
        tokenizer.close();
      }
    } finally {
      lock.writeLock().unlock();
    }
  }
}
