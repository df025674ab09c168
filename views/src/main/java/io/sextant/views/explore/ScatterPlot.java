package io.sextant.views.explore;

import io.sextant.services.explore.PointGrid;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/**
 * An interactive scatter plot for up to a few hundred thousand points: the points are rasterised
 * into a {@link PixelBuffer} shown by an {@link ImageView}; a {@link Canvas} above draws the few
 * things that change with the pointer (hovered point, lasso, query markers).
 *
 * <p>Drag pans, the wheel zooms around the pointer, Shift+drag draws a lasso, a click picks the
 * point under the pointer, double-click fits the view again.
 */
public final class ScatterPlot extends Region {

  /** A point drawn over the map: the query, a hit, a judged-relevant document. */
  public record Marker(double x, double y, Kind kind, String label) {
    public enum Kind { QUERY, HIT, RELEVANT, RELEVANT_MISSED }
  }

  /** Pointer distance, in pixels, within which a point counts as hovered. */
  static final double HOVER_PX = 6;

  private final ImageView view = new ImageView();
  private final Canvas overlay = new Canvas();
  private PointRaster raster;
  private PixelBuffer<IntBuffer> buffer;
  private float[] xs = new float[0];
  private float[] ys = new float[0];
  private int[] category = new int[0];
  private int[] palette = {0xFF4E79A7};
  private PointGrid grid = new PointGrid(xs, ys, 16);
  private PlotTransform transform;
  private double fittedScale = 1;
  private int background = 0xFFFFFFFF;
  private int pointSize = 3;
  private int pointAlpha = 170;
  private List<Marker> markers = List.of();
  private int hovered = -1;
  private final List<double[]> lasso = new ArrayList<>();
  private double dragX;
  private double dragY;
  private boolean dragged;
  private long lastRenderNanos;
  private IntConsumer onHover = i -> {};
  private IntConsumer onPick = i -> {};
  private Consumer<int[]> onLasso = s -> {};

  public ScatterPlot() {
    getStyleClass().add("scatter-plot");
    view.setManaged(false);
    overlay.setManaged(false);
    overlay.setMouseTransparent(true);
    getChildren().addAll(view, overlay);
    setOnMousePressed(this::pressed);
    setOnMouseDragged(this::dragged);
    setOnMouseReleased(this::released);
    setOnMouseMoved(this::moved);
    setOnMouseExited(e -> hover(-1));
    setOnScroll(this::scrolled);
    setOnMouseClicked(e -> {
      if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
        fit();
      }
    });
    setMinSize(100, 100);
  }

  /** Replaces the points. {@code category[i] < 0} hides point i; colours come from {@code palette}. */
  public void setPoints(float[] xs, float[] ys, int[] category, int[] palette) {
    if (xs.length != ys.length || xs.length != category.length) {
      throw new IllegalArgumentException("one x, y and category per point");
    }
    if (palette.length == 0) {
      throw new IllegalArgumentException("empty palette");
    }
    this.xs = xs;
    this.ys = ys;
    this.category = category;
    this.palette = palette.clone();
    this.grid = new PointGrid(xs, ys, 16);
    this.hovered = -1;
    fit();
  }

  /** Recolours without moving anything (colour by cluster / type / folder, filters). */
  public void setCategories(int[] category, int[] palette) {
    if (category.length != xs.length) {
      throw new IllegalArgumentException("one category per point");
    }
    this.category = category;
    this.palette = palette.clone();
    render();
  }

  /** The markers drawn over the points (query, hits, judged documents). */
  public List<Marker> markers() {
    return markers;
  }

  public void setMarkers(List<Marker> markers) {
    this.markers = List.copyOf(markers);
    drawOverlay();
  }

  /** Page colour behind the points (the theme's background), opaque ARGB. */
  public void setBackgroundColor(int argb) {
    this.background = argb | 0xFF000000;
    render();
  }

  public void setPointStyle(int size, int alpha) {
    this.pointSize = size;
    this.pointAlpha = alpha;
    render();
  }

  public void setOnHover(IntConsumer onHover) {
    this.onHover = Objects.requireNonNull(onHover);
  }

  public void setOnPick(IntConsumer onPick) {
    this.onPick = Objects.requireNonNull(onPick);
  }

  public void setOnLasso(Consumer<int[]> onLasso) {
    this.onLasso = Objects.requireNonNull(onLasso);
  }

  /** Nanoseconds the last frame's rasterisation took (the benchmark reads it). */
  public long lastRenderNanos() {
    return lastRenderNanos;
  }

  public PlotTransform transform() {
    return transform;
  }

  /** Shows every point. */
  public void fit() {
    if (getWidth() < 1 || getHeight() < 1) {
      return;
    }
    // The grid already holds the points' bounding box; an empty map shows the square from -1 to 1.
    double[] b = xs.length == 0 ? new double[] {-1, 1, -1, 1} : grid.bounds();
    transform = PlotTransform.fit(b[0], b[1], b[2], b[3], getWidth(), getHeight(), 16);
    fittedScale = transform.scale();
    render();
  }

  /** Pans by a pixel offset, as a drag does (for keyboard panning and the benchmark). */
  public void panBy(double dx, double dy) {
    if (transform != null) {
      transform = transform.pan(dx, dy);
      render();
    }
  }

  /** Zooms around the centre by {@code factor}. */
  public void zoomBy(double factor) {
    if (transform != null) {
      transform = transform.zoomAt(getWidth() / 2, getHeight() / 2, factor, fittedScale);
      render();
    }
  }

  /** The rendered points as premultiplied ARGB pixels, for PNG export. */
  public int[] pixels() {
    return raster == null ? new int[0] : raster.pixels().clone();
  }

  public int pixelWidth() {
    return raster == null ? 0 : raster.width();
  }

  public int pixelHeight() {
    return raster == null ? 0 : raster.height();
  }

  @Override
  protected void layoutChildren() {
    int w = (int) Math.max(1, Math.round(getWidth()));
    int h = (int) Math.max(1, Math.round(getHeight()));
    if (raster == null || raster.width() != w || raster.height() != h) {
      raster = new PointRaster(w, h);
      buffer = new PixelBuffer<>(w, h, IntBuffer.wrap(raster.pixels()), PixelFormat.getIntArgbPreInstance());
      view.setImage(new WritableImage(buffer));
      overlay.setWidth(w);
      overlay.setHeight(h);
      transform = transform == null ? null : transform.resize(w, h);
      if (transform == null) {
        fit();
      } else {
        render();
      }
    }
  }

  private void render() {
    if (raster == null || transform == null) {
      return;
    }
    long t0 = System.nanoTime();
    raster.clear(background);
    raster.draw(xs, ys, category, palette, transform, pointSize, pointAlpha);
    lastRenderNanos = System.nanoTime() - t0;
    buffer.updateBuffer(b -> null); // whole image dirty
    drawOverlay();
  }

  private void drawOverlay() {
    GraphicsContext g = overlay.getGraphicsContext2D();
    g.clearRect(0, 0, overlay.getWidth(), overlay.getHeight());
    if (transform == null) {
      return;
    }
    for (Marker m : markers) {
      double sx = transform.toScreenX(m.x());
      double sy = transform.toScreenY(m.y());
      switch (m.kind()) {
        case QUERY -> {
          g.setFill(Color.web("#d62728"));
          g.setStroke(Color.WHITE);
          g.setLineWidth(2);
          star(g, sx, sy, 11);
        }
        case HIT -> ring(g, sx, sy, 6, Color.web("#d62728"), 2);
        case RELEVANT -> ring(g, sx, sy, 9, Color.web("#2ca02c"), 2.5);
        case RELEVANT_MISSED -> {
          // a miss must stand out wherever it sits: dashed ring, crossed out
          g.setLineDashes(4, 3);
          ring(g, sx, sy, 10, Color.web("#2ca02c"), 2.5);
          g.setLineDashes();
          g.strokeLine(sx - 7, sy - 7, sx + 7, sy + 7);
          g.strokeLine(sx - 7, sy + 7, sx + 7, sy - 7);
        }
      }
    }
    if (hovered >= 0 && hovered < xs.length) {
      ring(g, transform.toScreenX(xs[hovered]), transform.toScreenY(ys[hovered]), 7, Color.web("#111111"), 2);
    }
    if (lasso.size() > 1) {
      g.setStroke(Color.web("#1f77b4"));
      g.setLineWidth(1.5);
      g.setLineDashes(5, 4);
      g.beginPath();
      g.moveTo(lasso.get(0)[0], lasso.get(0)[1]);
      for (double[] p : lasso) {
        g.lineTo(p[0], p[1]);
      }
      g.closePath();
      g.stroke();
      g.setLineDashes();
    }
  }

  private static void ring(GraphicsContext g, double x, double y, double r, Color c, double w) {
    g.setStroke(c);
    g.setLineWidth(w);
    g.strokeOval(x - r, y - r, 2 * r, 2 * r);
  }

  private static void star(GraphicsContext g, double x, double y, double r) {
    double[] px = new double[10];
    double[] py = new double[10];
    for (int i = 0; i < 10; i++) {
      double a = -Math.PI / 2 + i * Math.PI / 5;
      double rr = i % 2 == 0 ? r : r * 0.45;
      px[i] = x + Math.cos(a) * rr;
      py[i] = y + Math.sin(a) * rr;
    }
    g.fillPolygon(px, py, 10);
    g.strokePolygon(px, py, 10);
  }

  private void pressed(MouseEvent e) {
    dragX = e.getX();
    dragY = e.getY();
    dragged = false;
    lasso.clear();
    if (e.isShiftDown()) {
      lasso.add(new double[] {e.getX(), e.getY()});
    }
  }

  private void dragged(MouseEvent e) {
    dragged = true;
    if (!lasso.isEmpty()) {
      lasso.add(new double[] {e.getX(), e.getY()});
      drawOverlay();
      return;
    }
    panBy(e.getX() - dragX, e.getY() - dragY);
    dragX = e.getX();
    dragY = e.getY();
  }

  private void released(MouseEvent e) {
    if (!lasso.isEmpty()) {
      double[] px = new double[lasso.size()];
      double[] py = new double[lasso.size()];
      for (int i = 0; i < lasso.size(); i++) {
        px[i] = transform.toDataX(lasso.get(i)[0]);
        py[i] = transform.toDataY(lasso.get(i)[1]);
      }
      lasso.clear();
      drawOverlay();
      int[] picked = grid.inside(px, py);
      onLasso.accept(java.util.Arrays.stream(picked).filter(i -> category[i] >= 0).toArray());
      return;
    }
    if (!dragged && e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 1) {
      int i = pointAt(e.getX(), e.getY());
      if (i >= 0) {
        onPick.accept(i);
      }
    }
  }

  private void moved(MouseEvent e) {
    hover(pointAt(e.getX(), e.getY()));
  }

  private void scrolled(ScrollEvent e) {
    if (transform == null || e.getDeltaY() == 0) {
      return;
    }
    double factor = Math.pow(1.0015, e.getDeltaY());
    transform = transform.zoomAt(e.getX(), e.getY(), factor, fittedScale);
    render();
    e.consume();
  }

  /** The visible point under a pixel, or -1. */
  public int pointAt(double sx, double sy) {
    if (transform == null) {
      return -1;
    }
    int i = grid.nearest(transform.toDataX(sx), transform.toDataY(sy), HOVER_PX / transform.scale());
    return i >= 0 && category[i] >= 0 ? i : -1;
  }

  private void hover(int i) {
    if (i != hovered) {
      hovered = i;
      drawOverlay();
      onHover.accept(i);
    }
  }
}
