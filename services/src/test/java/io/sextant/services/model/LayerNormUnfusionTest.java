package io.sextant.services.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerNormUnfusionTest {
  private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

  @TempDir Path dir;

  @Test
  void onlyRuntimesUpTo129GetTheRewrite() {
    assertTrue(LayerNormUnfusion.neededFor("1.29.0"));
    assertTrue(LayerNormUnfusion.neededFor("1.28.1"));
    assertFalse(LayerNormUnfusion.neededFor("1.30.0"));
    assertFalse(LayerNormUnfusion.neededFor("2.0.0"));
    assertFalse(LayerNormUnfusion.neededFor("nightly"));
  }

  @Test
  void squareWithExponentTwoBecomesAProductThatComputesTheSame() throws Exception {
    Path model = write("square.onnx", powModel(2.0f, false));
    LayerNormUnfusion.Rewrite rewrite = LayerNormUnfusion.rewrite(Files.readAllBytes(model));
    assertEquals(1, rewrite.squares());
    Path rewritten = Files.write(dir.resolve("rewritten.onnx"), rewrite.model());
    float[] x = {-3f, -0.5f, 0f, 1.25f, 7f};
    assertArrayEquals(run(model, x), run(rewritten, x));
    assertArrayEquals(new float[] {9f, 0.25f, 0f, 1.5625f, 49f}, run(rewritten, x));
  }

  @Test
  void exponentGivenByAConstantNodeIsRecognisedToo() throws Exception {
    LayerNormUnfusion.Rewrite rewrite = LayerNormUnfusion.rewrite(powModel(2.0f, true));
    assertEquals(1, rewrite.squares());
    Path rewritten = Files.write(dir.resolve("rewritten.onnx"), rewrite.model());
    assertArrayEquals(new float[] {4f, 9f}, run(rewritten, new float[] {2f, -3f}));
  }

  @Test
  void otherExponentsAreLeftAlone() throws Exception {
    byte[] cube = powModel(3.0f, false);
    LayerNormUnfusion.Rewrite rewrite = LayerNormUnfusion.rewrite(cube);
    assertEquals(0, rewrite.squares());
    assertArrayEquals(cube, rewrite.model());
  }

  @Test
  void sessionFileIsTheRewrittenSiblingUntilTheModelChanges() throws Exception {
    Path model = write("model.onnx", powModel(2.0f, false));
    Path derived = LayerNormUnfusion.sessionFile(model);
    assertEquals(LayerNormUnfusion.derivedOf(model), derived);
    assertTrue(Files.isRegularFile(derived));
    FileTime written = Files.getLastModifiedTime(derived);
    assertEquals(derived, LayerNormUnfusion.sessionFile(model), "second load reuses the copy");
    assertEquals(written, Files.getLastModifiedTime(derived));

    // Replaced by a model without squares: the stale copy goes, the original is loaded.
    Files.write(model, powModel(3.0f, false));
    Files.setLastModifiedTime(model, FileTime.fromMillis(written.toMillis() + 5_000));
    assertEquals(model, LayerNormUnfusion.sessionFile(model));
    assertFalse(Files.exists(derived));
  }

  @Test
  void unparsableModelIsLoadedAsItIsWithoutAnError() throws Exception {
    Path model = write("model.onnx", "<html>404 not found</html>".getBytes(StandardCharsets.UTF_8));
    assertEquals(model, LayerNormUnfusion.sessionFile(model));
  }

  @Test
  void miniLmKeepsItsOutputsWithEveryLayerNormSquareRewritten() throws Exception {
    Path original = Files.copy(TestModels.builtin(TestModels.MINILM).onnxFile(), dir.resolve("model.onnx"));
    LayerNormUnfusion.Rewrite rewrite = LayerNormUnfusion.rewrite(Files.readAllBytes(original));
    assertEquals(13, rewrite.squares(), "one per LayerNorm: embeddings + 2 in each of 6 layers");
    Path rewritten = Files.write(dir.resolve("rewritten.onnx"), rewrite.model());

    int batch = 3, seq = 17;
    long[] ids = new long[batch * seq];
    Random random = new Random(7);
    for (int i = 0; i < ids.length; i++) {
      ids[i] = i % seq == 0 ? 101 : 1000 + random.nextInt(28_000);
    }
    float[] a = hiddenStates(original, ids, batch, seq);
    float[] b = hiddenStates(rewritten, ids, batch, seq);
    assertEquals(a.length, b.length);
    double worst = 0;
    for (int i = 0; i < a.length; i++) {
      worst = Math.max(worst, Math.abs(a[i] - b[i]));
    }
    assertTrue(worst < 1e-4, "largest difference in the last hidden state: " + worst);
  }

  private float[] hiddenStates(Path model, long[] ids, int batch, int seq) throws Exception {
    long[] shape = {batch, seq};
    long[] mask = new long[ids.length];
    java.util.Arrays.fill(mask, 1);
    try (OrtSession session = OnnxTextEmbedder.openSession(ENV, model, 1);
        OnnxTensor t1 = OnnxTensor.createTensor(ENV, LongBuffer.wrap(ids), shape);
        OnnxTensor t2 = OnnxTensor.createTensor(ENV, LongBuffer.wrap(mask), shape);
        OnnxTensor t3 = OnnxTensor.createTensor(ENV, LongBuffer.wrap(new long[ids.length]), shape)) {
      Map<String, OnnxTensor> in = new HashMap<>();
      in.put("input_ids", t1);
      in.put("attention_mask", t2);
      if (session.getInputNames().contains("token_type_ids")) {
        in.put("token_type_ids", t3);
      }
      try (OrtSession.Result r = session.run(in)) {
        FloatBuffer out = ((OnnxTensor) r.get(0)).getFloatBuffer();
        float[] values = new float[out.remaining()];
        out.get(values);
        return values;
      }
    }
  }

  private float[] run(Path model, float[] x) throws Exception {
    try (OrtSession session = OnnxTextEmbedder.openSession(ENV, model, 1);
        OnnxTensor in = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(x), new long[] {x.length});
        OrtSession.Result r = session.run(Map.of("X", in))) {
      FloatBuffer out = ((OnnxTensor) r.get(0)).getFloatBuffer();
      float[] values = new float[out.remaining()];
      out.get(values);
      return values;
    }
  }

  private Path write(String name, byte[] bytes) throws Exception {
    return Files.write(dir.resolve(name), bytes);
  }

  /**
   * A one-node ONNX model {@code Y = Pow(X, E)} over a 1-d float tensor of any length, E a float
   * scalar given as an initializer or by a Constant node. Written field by field (onnx.proto
   * numbers) because the project has no generated ONNX classes.
   */
  private static byte[] powModel(float exponent, boolean constantNode) {
    byte[] raw = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(exponent).array();
    UnknownFieldSet tensor = set()
        .addField(2, varint(1)) // data_type FLOAT
        .addField(8, bytes(constantNode ? "" : "E"))
        .addField(9, UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFrom(raw)).build())
        .build();
    UnknownFieldSet.Builder graph = set().addField(2, bytes("g"));
    UnknownFieldSet.Field.Builder nodes = UnknownFieldSet.Field.newBuilder();
    if (constantNode) {
      UnknownFieldSet attr = set().addField(1, bytes("value")).addField(20, varint(4)) // type TENSOR
          .addField(5, message(tensor)).build();
      nodes.addLengthDelimited(set().addField(2, bytes("E")).addField(4, bytes("Constant"))
          .addField(5, message(attr)).build().toByteString());
    } else {
      graph.addField(5, message(tensor));
    }
    nodes.addLengthDelimited(set().addField(1, bytes("X", "E")).addField(2, bytes("Y"))
        .addField(4, bytes("Pow")).build().toByteString());
    graph.addField(1, nodes.build());
    graph.addField(11, message(valueInfo("X")));
    graph.addField(12, message(valueInfo("Y")));
    UnknownFieldSet opset = set().addField(1, bytes("")).addField(2, varint(13)).build();
    return set().addField(1, varint(8)) // ir_version
        .addField(7, message(graph.build()))
        .addField(8, message(opset))
        .build().toByteArray();
  }

  private static UnknownFieldSet valueInfo(String name) {
    UnknownFieldSet dim = set().addField(2, bytes("n")).build(); // dim_param
    UnknownFieldSet shape = set().addField(1, message(dim)).build();
    UnknownFieldSet tensorType = set().addField(1, varint(1)).addField(2, message(shape)).build();
    UnknownFieldSet type = set().addField(1, message(tensorType)).build();
    return set().addField(1, bytes(name)).addField(2, message(type)).build();
  }

  private static UnknownFieldSet.Builder set() {
    return UnknownFieldSet.newBuilder();
  }

  private static UnknownFieldSet.Field varint(long v) {
    return UnknownFieldSet.Field.newBuilder().addVarint(v).build();
  }

  private static UnknownFieldSet.Field bytes(String... values) {
    UnknownFieldSet.Field.Builder f = UnknownFieldSet.Field.newBuilder();
    for (String v : values) {
      f.addLengthDelimited(ByteString.copyFromUtf8(v));
    }
    return f.build();
  }

  private static UnknownFieldSet.Field message(UnknownFieldSet m) {
    return UnknownFieldSet.Field.newBuilder().addLengthDelimited(m.toByteString()).build();
  }
}
