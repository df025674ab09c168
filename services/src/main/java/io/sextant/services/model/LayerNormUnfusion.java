package io.sextant.services.model;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps ONNX Runtime 1.29 from fusing a decomposed layer normalisation into its
 * {@code LayerNormalization} kernel, by writing the graph's {@code Pow(x, 2)} nodes as
 * {@code Mul(x, x)}.
 *
 * <p>Why: BERT-style exports (all the built-in text models) spell each LayerNorm out as
 * ReduceMean, Sub, Pow(·, 2), ReduceMean, Add, Sqrt, Div, Mul, Add, and ONNX Runtime's optimiser
 * fuses that chain into one {@code LayerNormalization} node. In ONNX Runtime for Java 1.29 (the
 * newest on Maven Central) that fused kernel took 721-754 ms per pass of 320 sentences against
 * 85-92 ms in onnxruntime-node 1.30 on the same graph: 12 % of an fp32 MiniLM pass, 25 % of an
 * int8 one (docs/BENCHMARKS.md, embed). The fusion only matches {@code Pow}, so with the square
 * written as a product the nine small ops run unfused while every other fusion (GELU, the
 * attention's scaled MatMul, the int8 MatMulIntegerToFloat) still applies. Measured on this
 * project's 2-core machine, same process, batch 32: fp32 MiniLM 8.7 % faster, int8 MiniLM 1.29x.
 * {@code x * x} is exactly what {@code Pow(x, 2)} computes, so the vectors do not change beyond
 * float rounding (tested against the unmodified model and the reference vectors).
 *
 * <p>The rewritten graph is written once beside the model ({@code .model.onnx.unfused.onnx}, a
 * sibling so external-data paths stay valid, removed with the model's folder) with a stamp of the
 * source file's size, modification time and file key, like {@link ChecksumMemo}; a changed model
 * gets a fresh rewrite. A graph without such a square, a folder we cannot write, or a file we
 * cannot parse leaves the session on the original file: the workaround is never a reason for a
 * model not to load.
 */
final class LayerNormUnfusion {
  private static final Logger LOG = LoggerFactory.getLogger(LayerNormUnfusion.class);

  /** Bumped when the rewrite changes, so older derived files are replaced. */
  private static final String REWRITE_VERSION = "1";

  // Field numbers of onnx.proto (ModelProto, GraphProto, NodeProto, TensorProto, AttributeProto).
  private static final int MODEL_GRAPH = 7;
  private static final int GRAPH_NODE = 1;
  private static final int GRAPH_INITIALIZER = 5;
  private static final int GRAPH_OUTPUT = 12;
  private static final int VALUE_INFO_NAME = 1;
  private static final int NODE_INPUT = 1;
  private static final int NODE_OUTPUT = 2;
  private static final int NODE_OP_TYPE = 4;
  private static final int NODE_ATTRIBUTE = 5;
  private static final int NODE_DOMAIN = 7;
  private static final int TENSOR_DIMS = 1;
  private static final int TENSOR_DATA_TYPE = 2;
  private static final int TENSOR_FLOAT_DATA = 4;
  private static final int TENSOR_NAME = 8;
  private static final int TENSOR_RAW_DATA = 9;
  private static final int TENSOR_DOUBLE_DATA = 10;
  private static final int ATTRIBUTE_NAME = 1;
  private static final int ATTRIBUTE_TENSOR = 5;
  // A serialised scalar tensor is its name (tool-generated names run to ~100 bytes) plus a few
  // bytes; anything larger is not a scalar and is copied through unparsed.
  private static final int SCALAR_TENSOR_MAX_BYTES = 1024;
  private static final int FLOAT = 1;
  private static final int DOUBLE = 11;

  private LayerNormUnfusion() {}

  /**
   * Whether the runtime is one whose fused LayerNorm kernel is the slow one: 1.29 and older.
   * Newer runtimes get the graph as it is (1.30's kernel is faster than the unfused ops).
   */
  static boolean neededFor(String ortVersion) {
    Objects.requireNonNull(ortVersion, "ortVersion");
    String[] parts = ortVersion.split("\\.");
    try {
      int major = Integer.parseInt(parts[0]);
      int minor = parts.length > 1 ? Integer.parseInt(parts[1].replaceAll("\\D.*", "")) : 0;
      return major < 1 || (major == 1 && minor <= 29);
    } catch (NumberFormatException e) {
      return false; // an unknown version scheme: leave the graph alone
    }
  }

  /**
   * The file to open a session on for {@code onnxFile}: its rewritten sibling when the graph has
   * squares to rewrite and the sibling could be written (now or earlier), else {@code onnxFile}.
   */
  static Path sessionFile(Path onnxFile) {
    Path derived = derivedOf(onnxFile);
    Path stampFile = stampOf(onnxFile);
    try {
      String stamp = stamp(onnxFile);
      if (Files.isRegularFile(stampFile)) {
        String[] memo = Files.readString(stampFile, StandardCharsets.UTF_8).strip().split(" ", 2);
        if (memo.length == 2 && memo[1].equals(stamp)) {
          if (memo[0].equals("none")) {
            return onnxFile;
          }
          if (memo[0].equals("rewritten") && Files.isRegularFile(derived)) {
            return derived;
          }
        }
      }
      long t0 = System.nanoTime();
      Rewrite rewrite = rewrite(Files.readAllBytes(onnxFile));
      if (rewrite.squares() == 0) {
        Files.deleteIfExists(derived);
        AtomicFiles.write(stampFile, ("none " + stamp + "\n").getBytes(StandardCharsets.UTF_8));
        return onnxFile;
      }
      AtomicFiles.write(derived, rewrite.model());
      AtomicFiles.write(stampFile, ("rewritten " + stamp + "\n").getBytes(StandardCharsets.UTF_8));
      LOG.info("{}: {} Pow(x, 2) written as Mul(x, x) in {} ms, so ONNX Runtime 1.29 runs LayerNorm unfused",
          onnxFile, rewrite.squares(), (System.nanoTime() - t0) / 1_000_000);
      return derived;
    } catch (IOException | RuntimeException e) {
      LOG.warn("{}: cannot prepare the unfused-LayerNorm copy ({}); loading the model as it is", onnxFile, e.toString());
      return onnxFile;
    }
  }

  /** The graph with every {@code Pow(x, 2)} as {@code Mul(x, x)}, and how many it rewrote. */
  record Rewrite(byte[] model, int squares) {}

  /**
   * Rewrites a serialised ModelProto. Only top-level graph nodes of the default domain whose
   * exponent is a float or double scalar equal to 2, given as an initializer or a Constant node,
   * are touched; everything else is copied field by field.
   *
   * @throws InvalidProtocolBufferException when the bytes are not a protobuf message
   */
  static Rewrite rewrite(byte[] modelBytes) throws InvalidProtocolBufferException {
    UnknownFieldSet model = UnknownFieldSet.parseFrom(modelBytes);
    UnknownFieldSet.Field graphField = model.getField(MODEL_GRAPH);
    if (graphField == null || graphField.getLengthDelimitedList().size() != 1) {
      return new Rewrite(modelBytes, 0);
    }
    UnknownFieldSet graph = UnknownFieldSet.parseFrom(graphField.getLengthDelimitedList().get(0));
    Map<String, Double> scalars = scalarConstants(graph);
    List<ByteString> nodes = new ArrayList<>();
    java.util.Set<String> exponents = new java.util.HashSet<>();
    int squares = 0;
    for (ByteString bytes : fieldOf(graph, GRAPH_NODE).getLengthDelimitedList()) {
      UnknownFieldSet node = UnknownFieldSet.parseFrom(bytes);
      List<ByteString> inputs = fieldOf(node, NODE_INPUT).getLengthDelimitedList();
      boolean square = "Pow".equals(string(node, NODE_OP_TYPE))
          && defaultDomain(string(node, NODE_DOMAIN))
          && inputs.size() == 2
          && Double.valueOf(2.0).equals(scalars.get(inputs.get(1).toStringUtf8()));
      if (!square) {
        nodes.add(bytes);
        continue;
      }
      UnknownFieldSet.Builder b = node.toBuilder();
      b.clearField(NODE_INPUT).addField(NODE_INPUT,
          UnknownFieldSet.Field.newBuilder().addLengthDelimited(inputs.get(0)).addLengthDelimited(inputs.get(0)).build());
      b.clearField(NODE_OP_TYPE).addField(NODE_OP_TYPE,
          UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFromUtf8("Mul")).build());
      nodes.add(b.build().toByteString());
      exponents.add(inputs.get(1).toStringUtf8());
      squares++;
    }
    if (squares == 0) {
      return new Rewrite(modelBytes, 0);
    }
    // Exponents nothing reads any more are dropped, or ONNX Runtime warns about each of them on
    // every load ("Removing initializer ... not used by any node").
    java.util.Set<String> unused = new java.util.HashSet<>(exponents);
    for (ByteString bytes : nodes) {
      for (ByteString input : fieldOf(UnknownFieldSet.parseFrom(bytes), NODE_INPUT).getLengthDelimitedList()) {
        unused.remove(input.toStringUtf8());
      }
    }
    for (ByteString bytes : fieldOf(graph, GRAPH_OUTPUT).getLengthDelimitedList()) {
      unused.remove(string(UnknownFieldSet.parseFrom(bytes), VALUE_INFO_NAME));
    }
    UnknownFieldSet.Field.Builder nodeField = UnknownFieldSet.Field.newBuilder();
    for (ByteString bytes : nodes) {
      UnknownFieldSet node = UnknownFieldSet.parseFrom(bytes);
      List<ByteString> outputs = fieldOf(node, NODE_OUTPUT).getLengthDelimitedList();
      boolean deadConstant = "Constant".equals(string(node, NODE_OP_TYPE)) && outputs.size() == 1
          && unused.contains(outputs.get(0).toStringUtf8());
      if (!deadConstant) {
        nodeField.addLengthDelimited(bytes);
      }
    }
    UnknownFieldSet.Field.Builder initializerField = UnknownFieldSet.Field.newBuilder();
    for (ByteString bytes : fieldOf(graph, GRAPH_INITIALIZER).getLengthDelimitedList()) {
      // Only scalars were exponents, so only small tensors can be dropped.
      if (bytes.size() > SCALAR_TENSOR_MAX_BYTES
          || !unused.contains(string(UnknownFieldSet.parseFrom(bytes), TENSOR_NAME))) {
        initializerField.addLengthDelimited(bytes);
      }
    }
    UnknownFieldSet newGraph = graph.toBuilder()
        .clearField(GRAPH_NODE).addField(GRAPH_NODE, nodeField.build())
        .clearField(GRAPH_INITIALIZER).addField(GRAPH_INITIALIZER, initializerField.build())
        .build();
    UnknownFieldSet newModel = model.toBuilder().clearField(MODEL_GRAPH)
        .addField(MODEL_GRAPH, UnknownFieldSet.Field.newBuilder().addLengthDelimited(newGraph.toByteString()).build())
        .build();
    return new Rewrite(newModel.toByteArray(), squares);
  }

  /** Scalar float/double values by name: initializers and outputs of Constant nodes. */
  private static Map<String, Double> scalarConstants(UnknownFieldSet graph) throws InvalidProtocolBufferException {
    Map<String, Double> scalars = new HashMap<>();
    for (ByteString bytes : fieldOf(graph, GRAPH_INITIALIZER).getLengthDelimitedList()) {
      if (bytes.size() > SCALAR_TENSOR_MAX_BYTES) {
        continue; // a weight matrix: parsing it would copy megabytes to learn it is no scalar
      }
      UnknownFieldSet tensor = UnknownFieldSet.parseFrom(bytes);
      Double value = scalarOf(tensor);
      if (value != null) {
        scalars.put(string(tensor, TENSOR_NAME), value);
      }
    }
    for (ByteString bytes : fieldOf(graph, GRAPH_NODE).getLengthDelimitedList()) {
      UnknownFieldSet node = UnknownFieldSet.parseFrom(bytes);
      if (!"Constant".equals(string(node, NODE_OP_TYPE)) || !defaultDomain(string(node, NODE_DOMAIN))) {
        continue;
      }
      List<ByteString> outputs = fieldOf(node, NODE_OUTPUT).getLengthDelimitedList();
      for (ByteString attrBytes : fieldOf(node, NODE_ATTRIBUTE).getLengthDelimitedList()) {
        UnknownFieldSet attr = UnknownFieldSet.parseFrom(attrBytes);
        List<ByteString> tensors = fieldOf(attr, ATTRIBUTE_TENSOR).getLengthDelimitedList();
        if ("value".equals(string(attr, ATTRIBUTE_NAME)) && tensors.size() == 1 && outputs.size() == 1) {
          Double value = scalarOf(UnknownFieldSet.parseFrom(tensors.get(0)));
          if (value != null) {
            scalars.put(outputs.get(0).toStringUtf8(), value);
          }
        }
      }
    }
    return scalars;
  }

  /** The value of a one-element float or double tensor held inline, else null. */
  private static Double scalarOf(UnknownFieldSet tensor) {
    for (long dim : fieldOf(tensor, TENSOR_DIMS).getVarintList()) {
      if (dim != 1) {
        return null;
      }
    }
    List<Long> types = fieldOf(tensor, TENSOR_DATA_TYPE).getVarintList();
    if (types.size() != 1) {
      return null;
    }
    int type = types.get(0).intValue();
    List<ByteString> raw = fieldOf(tensor, TENSOR_RAW_DATA).getLengthDelimitedList();
    ByteString data;
    if (raw.size() == 1) {
      data = raw.get(0);
    } else if (type == FLOAT) {
      data = repeatedScalars(fieldOf(tensor, TENSOR_FLOAT_DATA), 4);
    } else if (type == DOUBLE) {
      data = repeatedScalars(fieldOf(tensor, TENSOR_DOUBLE_DATA), 8);
    } else {
      return null;
    }
    ByteBuffer le = data.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    if (type == FLOAT && data.size() == 4) {
      return (double) le.getFloat();
    }
    if (type == DOUBLE && data.size() == 8) {
      return le.getDouble();
    }
    return null;
  }

  // Repeated scalars arrive packed (one length-delimited run) or, from older writers, one by one.
  private static ByteString repeatedScalars(UnknownFieldSet.Field f, int width) {
    if (f.getLengthDelimitedList().size() == 1) {
      return f.getLengthDelimitedList().get(0);
    }
    List<? extends Number> values = width == 4 ? f.getFixed32List() : f.getFixed64List();
    ByteBuffer b = ByteBuffer.allocate(width * values.size()).order(ByteOrder.LITTLE_ENDIAN);
    for (Number v : values) {
      if (width == 4) {
        b.putInt(v.intValue());
      } else {
        b.putLong(v.longValue());
      }
    }
    return ByteString.copyFrom(b.array());
  }

  private static boolean defaultDomain(String domain) {
    return domain == null || domain.isEmpty() || domain.equals("ai.onnx");
  }

  private static UnknownFieldSet.Field fieldOf(UnknownFieldSet set, int number) {
    UnknownFieldSet.Field f = set.getField(number);
    return f == null ? UnknownFieldSet.Field.getDefaultInstance() : f;
  }

  private static String string(UnknownFieldSet set, int number) {
    List<ByteString> values = fieldOf(set, number).getLengthDelimitedList();
    return values.isEmpty() ? null : values.get(values.size() - 1).toStringUtf8();
  }

  static Path derivedOf(Path onnxFile) {
    return onnxFile.resolveSibling("." + onnxFile.getFileName() + ".unfused.onnx");
  }

  private static Path stampOf(Path onnxFile) {
    return onnxFile.resolveSibling("." + onnxFile.getFileName() + ".unfused");
  }

  private static String stamp(Path file) throws IOException {
    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
    Object key = a.fileKey();
    return REWRITE_VERSION + " " + a.size() + " " + a.lastModifiedTime().to(TimeUnit.NANOSECONDS) + " "
        + (key == null ? "-" : key);
  }

}
