package io.sextant.services.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Direct buffers for one model batch's input tensors and, when the model's hidden size is known,
 * for its output, reused from batch to batch (and from call to call, see
 * {@link OnnxTextEmbedder}).
 *
 * <p>ONNX Runtime wraps a direct buffer without copying it, whereas a heap array would be copied
 * into native memory on every run. The output buffer is handed to the run as a pinned output:
 * ONNX Runtime writes the hidden states straight into it, instead of allocating a tensor that
 * {@code getFloatBuffer()} then copies whole (padding included) into a fresh multi-megabyte heap
 * array per batch. Right padding with id 0 is safe whatever the tokenizer's pad id: padded
 * positions are masked out of attention and excluded from pooling.
 */
final class BatchInputs {
  private final InputNames names;
  private final int maxRows;
  private final int maxLength;
  private final int dimensions; // 0: no output buffer
  private final FloatBuffer hidden;
  private final LongBuffer ids;
  private final LongBuffer mask;
  private final LongBuffer types; // stays all zeros: single sequences have token type 0
  private final long[] ones;
  private final long[] zeros;

  /**
   * Buffers for batches of up to {@code maxRows} texts of up to {@code maxLength} tokens.
   *
   * @param dimensions the hidden size, to also hold the output; 0 for input buffers only
   */
  BatchInputs(InputNames names, int maxRows, int maxLength, int dimensions) {
    if (maxRows < 1 || maxLength < 1 || dimensions < 0) {
      throw new IllegalArgumentException(
          "bad batch buffer size: " + maxRows + " rows, " + maxLength + " tokens, " + dimensions + " dimensions");
    }
    this.names = names;
    this.maxRows = maxRows;
    this.maxLength = maxLength;
    this.dimensions = dimensions;
    int capacity = Math.multiplyExact(maxRows, maxLength);
    hidden = dimensions == 0 ? null
        : ByteBuffer.allocateDirect(Math.multiplyExact(Math.multiplyExact(capacity, dimensions), Float.BYTES))
            .order(ByteOrder.nativeOrder())
            .asFloatBuffer();
    ids = newLongBuffer(capacity);
    mask = names.attentionMask() == null ? null : newLongBuffer(capacity);
    types = names.tokenTypeIds() == null ? null : newLongBuffer(capacity);
    ones = new long[maxLength];
    Arrays.fill(ones, 1L);
    zeros = new long[maxLength];
  }

  /**
   * Fills the buffers with texts {@code byLength[from..to)} padded to the longest of them and
   * wraps them as tensors; the caller closes the tensors before the next call.
   */
  Map<String, OnnxTensor> tensors(OrtEnvironment env, TokenizedTexts texts, int from, int to)
      throws OrtException {
    int rows = to - from;
    int length = texts.longest(from, to);
    for (int r = 0; r < rows; r++) {
      long[] row = texts.ids[texts.byLength[from + r]];
      int at = r * length;
      ids.put(at, row);
      ids.put(at + row.length, zeros, 0, length - row.length);
      if (mask != null) {
        mask.put(at, ones, 0, row.length);
        mask.put(at + row.length, zeros, 0, length - row.length);
      }
    }
    long[] shape = {rows, length};
    int n = rows * length;
    Map<String, OnnxTensor> inputs = new HashMap<>(4);
    try {
      inputs.put(names.inputIds(), OnnxTensor.createTensor(env, ids.slice(0, n), shape));
      if (mask != null) {
        inputs.put(names.attentionMask(), OnnxTensor.createTensor(env, mask.slice(0, n), shape));
      }
      if (types != null) {
        inputs.put(names.tokenTypeIds(), OnnxTensor.createTensor(env, types.slice(0, n), shape));
      }
    } catch (OrtException | RuntimeException e) {
      close(inputs);
      throw e;
    }
    return inputs;
  }

  /** True when batches of {@code rows} x {@code length} tokens fit these buffers. */
  boolean fits(int rows, int length, int dimensions) {
    return rows <= maxRows && length <= maxLength && dimensions == this.dimensions;
  }

  int maxRows() {
    return maxRows;
  }

  int maxLength() {
    return maxLength;
  }

  /**
   * A {@code [rows, length, dimensions]} tensor over the output buffer, for ONNX Runtime to write
   * the hidden states into; the caller closes it after the run. Null without an output buffer.
   */
  OnnxTensor hiddenTensor(OrtEnvironment env, int rows, int length) throws OrtException {
    if (hidden == null) {
      return null;
    }
    long[] shape = {rows, length, dimensions};
    return OnnxTensor.createTensor(env, hidden.slice(0, rows * length * dimensions), shape);
  }

  /** The output buffer the last run wrote into (index 0 = row 0, token 0, dimension 0). */
  FloatBuffer hidden() {
    return hidden;
  }

  static void close(Map<String, OnnxTensor> tensors) {
    tensors.values().forEach(OnnxTensor::close);
  }

  private static LongBuffer newLongBuffer(int capacity) {
    return ByteBuffer.allocateDirect(Math.multiplyExact(capacity, Long.BYTES))
        .order(ByteOrder.nativeOrder())
        .asLongBuffer();
  }
}
