package io.sextant.services.bench;

import io.sextant.services.index.VectorizationCheck;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The same bare Lucene kNN search in a child JVM started <em>without</em>
 * {@code --add-modules jdk.incubator.vector}, i.e. with Lucene's scalar vector code: what a
 * misconfigured launcher costs. The child also runs {@link VectorizationCheck} and reports what
 * it says, so the benchmark shows the start-up warning fires when it should.
 *
 * <p>Protocol on the child's stdin/stdout: the child first prints one line
 * {@code active=<bool> <detail>}; then for each line {@code <fanout>} it runs every query once and
 * prints {@code <qps> <recall>}.
 */
public final class ScalarLucenePeer implements Closeable {

  private final Process process;
  private final Writer in;
  private final BufferedReader out;
  private final String vectorization;

  private ScalarLucenePeer(Process process) throws IOException {
    this.process = process;
    this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String first = out.readLine();
    if (first == null) {
      throw new IOException("the scalar Lucene child JVM exited at start");
    }
    this.vectorization = first;
  }

  /** Starts the child on a bare index {@link BareLuceneKnn#build} wrote from {@code data}. */
  public static ScalarLucenePeer start(Path index, VectorData data) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx2g", "-cp", System.getProperty("java.class.path"),
        ScalarLucenePeer.class.getName(), index.toString(), data.files().base().toString(),
        data.files().queries().toString(), data.files().truth().toString(),
        Integer.toString(data.base().length), Integer.toString(data.queries().length),
        Integer.toString(data.dims())));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
    return new ScalarLucenePeer(pb.start());
  }

  /** The child's {@link VectorizationCheck} result: {@code active=false <Lucene's words>}. */
  public String vectorization() {
    return vectorization;
  }

  public KnnPass search(int fanout) throws IOException {
    in.write(fanout + "\n");
    in.flush();
    String line = out.readLine();
    if (line == null) {
      throw new IOException("the scalar Lucene child JVM exited");
    }
    String[] p = line.trim().split(" ");
    return new KnnPass(Double.parseDouble(p[0]), Double.parseDouble(p[1]));
  }

  @Override
  public void close() throws IOException {
    in.close();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** The child. */
  public static void main(String[] a) throws Exception {
    PrintStream stdout = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    VectorizationCheck.Result v = VectorizationCheck.run();
    stdout.println("active=" + v.active() + " " + v.detail().replace('\n', ' '));
    int n = Integer.parseInt(a[4]);
    int q = Integer.parseInt(a[5]);
    int d = Integer.parseInt(a[6]);
    float[][] base = VectorData.readF32(Path.of(a[1]), n, d);
    VectorData data = new VectorData("child", base, VectorData.readF32(Path.of(a[2]), q, d),
        VectorData.readI32(Path.of(a[3]), q, VectorData.K), null);
    try (BareLuceneKnn knn = BareLuceneKnn.open(Path.of(a[0]), base);
        BufferedReader lines = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        int fanout = Integer.parseInt(line.trim());
        KnnPass p = KnnPass.run(data, query -> knn.search(query, fanout));
        stdout.println(String.format(Locale.ROOT, "%.3f %.5f", p.qps(), p.recall()));
      }
    }
  }
}
