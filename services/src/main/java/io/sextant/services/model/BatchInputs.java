package io.sextant.services.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Direct buffers for one model batch's input tensors, reused from batch to batch.
 *
 * <p>ONNX Runtime wraps a direct buffer without copying it, whereas a heap array would be copied
 * into native memory on every run. Right padding with id 0 is safe whatever the tokenizer's pad
 * id: padded positions are masked out of attention and excluded from pooling.
 */
final class BatchInputs {
  private final InputNames names;
  private final LongBuffer ids;
  private final LongBuffer mask;
  private final LongBuffer types; // stays all zeros: single sequences have token type 0
  private final long[] ones;
  private final long[] zeros;

  /** Buffers for batches of up to {@code maxRows} texts of up to {@code maxLength} tokens. */
  BatchInputs(InputNames names, int maxRows, int maxLength) {
    this.names = names;
    int capacity = Math.multiplyExact(maxRows, maxLength);
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

  static void close(Map<String, OnnxTensor> tensors) {
    tensors.values().forEach(OnnxTensor::close);
  }

  private static LongBuffer newLongBuffer(int capacity) {
    return ByteBuffer.allocateDirect(Math.multiplyExact(capacity, Long.BYTES))
        .order(ByteOrder.nativeOrder())
        .asLongBuffer();
  }
}
