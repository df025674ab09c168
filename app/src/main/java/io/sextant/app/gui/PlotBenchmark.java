package io.sextant.app.gui;

import io.sextant.views.explore.Palette;
import io.sextant.views.explore.ScatterPlot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;

/**
 * Frame time of the Explore map while panning, against the obvious way to draw a scatter plot
 * (one {@code GraphicsContext.fillRect} per point on a canvas), in the same window and run,
 * interleaved in blocks. JavaFX's 60 Hz pulse cap is lifted ({@code javafx.animation.fullspeed}),
 * so a frame interval is what drawing and presenting one frame costs. Needs a display (Xvfb).
 */
public final class PlotBenchmark {

  /** Frame statistics in milliseconds. */
  public record Stats(double median, double p95, double max) {
    static Stats of(List<Double> ms) {
      double[] v = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      if (v.length == 0) {
        return new Stats(Double.NaN, Double.NaN, Double.NaN);
      }
      return new Stats(v[v.length / 2], v[Math.min(v.length - 1, (int) Math.ceil(v.length * 0.95) - 1)], v[v.length - 1]);
    }
  }

  /** Results: whole frames of the map and of the baseline, and the map's rasterisation alone. */
  public record Result(int points, int frames, Stats plotFrame, Stats plotRaster, Stats baselineFrame) {}

  private PlotBenchmark() {}

  /** Clustered 2-D points, shaped like a UMAP layout: 40 blobs of varied size and spread. */
  static float[][] layout(int n, long seed) {
    Random r = new Random(seed);
    int blobs = 40;
    double[][] centres = new double[blobs][3];
    for (double[] c : centres) {
      c[0] = r.nextGaussian() * 8;
      c[1] = r.nextGaussian() * 6;
      c[2] = 0.3 + r.nextDouble() * 1.2;
    }
    float[] xs = new float[n];
    float[] ys = new float[n];
    for (int i = 0; i < n; i++) {
      double[] c = centres[(int) Math.min(blobs - 1, Math.abs(r.nextGaussian()) * blobs / 2.5)];
      xs[i] = (float) (c[0] + r.nextGaussian() * c[2]);
      ys[i] = (float) (c[1] + r.nextGaussian() * c[2]);
    }
    return new float[][] {xs, ys};
  }

  /** Runs {@code rounds} x 2 blocks of {@code framesPerBlock} frames (map, baseline, map, ...). */
  public static Result run(int points, int framesPerBlock, int rounds, long seed) throws Exception {
    System.setProperty("javafx.animation.fullspeed", "true");
    float[][] p = layout(points, seed);
    int[] category = new int[points];
    for (int i = 0; i < points; i++) {
      category[i] = i % 12;
    }
    int[] palette = Palette.categorical(12, false);
    CompletableFuture<Void> started = new CompletableFuture<>();
    Platform.startup(() -> started.complete(null));
    started.get(30, TimeUnit.SECONDS);

    List<Double> plotFrames = new ArrayList<>();
    List<Double> plotRaster = new ArrayList<>();
    List<Double> baseFrames = new ArrayList<>();
    CompletableFuture<Stage> stageReady = new CompletableFuture<>();
    ScatterPlot plot = new ScatterPlot();
    Canvas canvas = new Canvas(1280, 800);
    Platform.runLater(() -> {
      Stage stage = new Stage();
      stage.setTitle("Sextant plot benchmark");
      stage.setScene(new Scene(new StackPane(plot), 1280, 800));
      stage.show();
      plot.setPoints(p[0], p[1], category, palette);
      stageReady.complete(stage);
    });
    Stage stage = stageReady.get(30, TimeUnit.SECONDS);
    for (int round = 0; round < rounds; round++) {
      double step = round % 2 == 0 ? 3 : -3; // back and forth, so the view stays on the points
      block(framesPerBlock, () -> {
        plot.panBy(step, 2);
        return plot.lastRenderNanos() / 1e6;
      }, plotFrames, plotRaster, stage, plot);
      Color[] colours = Arrays.stream(palette).mapToObj(c -> Color.web(Palette.css(c), 0.67)).toArray(Color[]::new);
      double[] offset = {0, 0};
      var transform = plot.transform();
      block(framesPerBlock, () -> {
        offset[0] += 3;
        offset[1] += 2;
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        for (int i = 0; i < points; i++) {
          g.setFill(colours[category[i]]);
          g.fillRect(transform.toScreenX(p[0][i]) + offset[0] - 1, transform.toScreenY(p[1][i]) + offset[1] - 1, 3, 3);
        }
        return 0.0;
      }, baseFrames, new ArrayList<>(), stage, canvas);
    }
    Platform.runLater(stage::close);
    return new Result(points, framesPerBlock * rounds, Stats.of(plotFrames), Stats.of(plotRaster), Stats.of(baseFrames));
  }

  private interface Frame {
    double draw();
  }

  /** Shows {@code node}, then draws one frame per pulse and records the pulse-to-pulse intervals. */
  private static void block(int frames, Frame frame, List<Double> intervals, List<Double> work,
      Stage stage, javafx.scene.Node node) throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Platform.runLater(() -> {
      ((StackPane) stage.getScene().getRoot()).getChildren().setAll(node);
      new AnimationTimer() {
        long last = -1;
        int n = -5; // warm-up pulses are not counted

        @Override
        public void handle(long now) {
          if (last >= 0 && n >= 0) {
            intervals.add((now - last) / 1e6);
          }
          last = now;
          if (++n > frames) {
            stop();
            done.complete(null);
            return;
          }
          double w = frame.draw();
          if (n > 0) {
            work.add(w);
          }
        }
      }.start();
    });
    done.get(10, TimeUnit.MINUTES);
  }
}
