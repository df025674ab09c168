package io.sextant.services.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Cheap checks on ONNX files that do not need an ONNX Runtime session. */
final class OnnxFiles {
  private static final byte[] DYNAMIC_QUANTIZE = "DynamicQuantizeLinear".getBytes(StandardCharsets.US_ASCII);
  private static final int CHUNK = 1 << 20;

  private OnnxFiles() {}

  /**
   * Whether the file starts like a serialised ONNX ModelProto: field 1 (ir_version) as a varint
   * between 1 and 15. Catches the common accidents (an HTML error page, a Git LFS pointer, a
   * truncated download of zero bytes) without loading anything.
   */
  static boolean looksLikeOnnx(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      int tag = in.read();
      int version = in.read();
      return tag == 0x08 && version >= 1 && version <= 15;
    }
  }

  /**
   * Whether the graph quantises activations at run time (op DynamicQuantizeLinear, as in the
   * int8 exports of all-MiniLM, bge and e5). Such a model computes one scale per activation
   * tensor, that is per batch, so a text's vector depends on the other texts in its batch.
   * Found by scanning for the op name, which ONNX stores as plain text in each node.
   */
  static boolean usesDynamicQuantisation(Path file) throws IOException {
    byte[] buffer = new byte[CHUNK + DYNAMIC_QUANTIZE.length];
    int keep = 0;
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer, keep, CHUNK)) > 0) {
        int end = keep + n;
        if (indexOf(buffer, end, DYNAMIC_QUANTIZE) >= 0) {
          return true;
        }
        // Carry the tail over so a name split across two reads is still found.
        keep = Math.min(end, DYNAMIC_QUANTIZE.length - 1);
        System.arraycopy(buffer, end - keep, buffer, 0, keep);
      }
    }
    return false;
  }

  private static int indexOf(byte[] data, int end, byte[] pattern) {
    byte first = pattern[0];
    outer:
    for (int i = 0, last = end - pattern.length; i <= last; i++) {
      if (data[i] != first) {
        continue;
      }
      for (int j = 1; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
