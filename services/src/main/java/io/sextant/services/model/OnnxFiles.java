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
   * Why the file is not a whole ModelProto, or null when its top-level fields fit it exactly.
   * Walks only the top-level protobuf fields (a few, one of them the whole graph) and checks that
   * each declared length fits in what is left, so a truncated copy or download is caught when a
   * model is listed, by reading a few bytes and seeking, not when it is first opened.
   */
  static String truncation(Path file) throws IOException {
    try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ)) {
      long size = ch.size();
      var in = new java.io.DataInputStream(new java.io.BufferedInputStream(java.nio.channels.Channels.newInputStream(ch), 64));
      long pos = 0;
      while (pos < size) {
        long[] key = varint(in);
        if (key == null) {
          return "ends inside a field header at byte " + pos + " of " + size + " (truncated?)";
        }
        pos += key[1];
        int wire = (int) (key[0] & 7);
        long skip;
        switch (wire) {
          case 0 -> {
            long[] v = varint(in);
            if (v == null) {
              return "ends inside field " + (key[0] >>> 3) + " at byte " + pos + " (truncated?)";
            }
            pos += v[1];
            skip = 0;
          }
          case 1 -> skip = 8;
          case 5 -> skip = 4;
          case 2 -> {
            long[] len = varint(in);
            if (len == null) {
              return "ends inside field " + (key[0] >>> 3) + " at byte " + pos + " (truncated?)";
            }
            pos += len[1];
            skip = len[0];
          }
          default -> {
            return "has an invalid field type " + wire + " at byte " + pos;
          }
        }
        if (skip > size - pos) {
          return "is truncated: field " + (key[0] >>> 3) + " at byte " + pos + " declares " + skip
              + " bytes but the file has " + (size - pos) + " left";
        }
        pos += skip;
        // Re-position the stream: skipping through the buffer would read the whole graph.
        ch.position(pos);
        in = new java.io.DataInputStream(new java.io.BufferedInputStream(java.nio.channels.Channels.newInputStream(ch), 64));
      }
      return null;
    }
  }

  /** {value, bytes read}, or null at end of input. */
  private static long[] varint(InputStream in) throws IOException {
    long value = 0;
    for (int i = 0; i < 10; i++) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      value |= (long) (b & 0x7f) << (7 * i);
      if ((b & 0x80) == 0) {
        return new long[] {value, i + 1};
      }
    }
    throw new IOException("malformed varint");
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
