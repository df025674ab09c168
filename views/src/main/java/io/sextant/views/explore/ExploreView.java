package io.sextant.views.explore;

import io.sextant.services.search.ChunkHit;
import io.sextant.services.search.DocHit;
import io.sextant.services.search.SearchMode;
import io.sextant.services.task.Cancellation;
import io.sextant.views.common.Fx;
import io.sextant.views.common.FxmlView;
import io.sextant.views.common.HitSelection;
import io.sextant.views.common.WorkspaceInfo;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import javafx.stage.FileChooser;
import org.controlsfx.control.SegmentedButton;

/**
 * Controller of ExploreView.fxml: computes a map of a model's embedding space in the background,
 * clusters it, colours it, and links it to the rest of the window (a click opens the Inspector;
 * the current query and its hits are drawn on the map).
 */
public final class ExploreView {

  private static final int MAX_LEGEND_ROWS = 16;
  private static final int HOVER_THUMB = 160;
  /** Neighbours compared per point when colouring by agreement (as the Compare tab's number). */
  static final int AGREEMENT_K = 10;

  private final ExplorePort port;
  private final Parent root;
  private final ScatterPlot plot = new ScatterPlot();
  private MapData map;
  private Clustering clusters;
  private Cancellation running;
  private Consumer<HitSelection> onSelect = s -> {};
  private Consumer<String> status = s -> {};
  private String query = "";
  private SearchMode queryMode = SearchMode.HYBRID;
  private int hovered = -1;
  /** The last per-point agreement, for which map and other model; recomputed when either changes. */
  private double[] agreement;
  private MapData agreementMap;
  private String agreementWith;
  private Cancellation agreementRun;
  /** Hover thumbnails by image path; a null value means asked for, not (yet) loaded. */
  private final java.util.Map<String, Image> thumbnails = new java.util.HashMap<>();

  @FXML private ComboBox<String> model;
  @FXML private SegmentedButton methods;
  @FXML private ToggleButton pcaButton;
  @FXML private ToggleButton umapButton;
  @FXML private HBox umapSettings;
  @FXML private Spinner<Integer> neighbours;
  @FXML private Spinner<Double> minDistance;
  @FXML private ComboBox<String> metric;
  @FXML private Button computeButton;
  @FXML private ProgressBar progress;
  @FXML private ComboBox<String> clusterMethod;
  @FXML private Spinner<Integer> clusterSize;
  @FXML private Button clusterButton;
  @FXML private ComboBox<Colouring.By> colourBy;
  @FXML private ComboBox<String> agreeWith;
  @FXML private StackPane plotHolder;
  @FXML private VBox legend;
  @FXML private Label hoverLabel;
  @FXML private Label overlayKey;
  @FXML private Label mapSummary;
  @FXML private TitledPane selectionPane;
  @FXML private ListView<MapData.MapItem> selection;

  public ExploreView(ExplorePort port) {
    this.port = Objects.requireNonNull(port, "port");
    this.root = FxmlView.load(this, ExploreView.class);
  }

  @FXML
  private void initialize() {
    plotHolder.getChildren().add(0, plot);
    // value factories in code: FXML cannot build them (no no-argument constructor)
    neighbours.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(2, 200, 15));
    minDistance.setValueFactory(new SpinnerValueFactory.DoubleSpinnerValueFactory(0, 1, 0.1, 0.05));
    clusterSize.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(2, 200, 8));
    pcaButton.setSelected(true);
    methods.getToggleGroup().selectedToggleProperty().addListener((o, was, now) -> {
      if (now == null) {
        was.setSelected(true);
      }
      umapSettings.setDisable(!umapButton.isSelected());
    });
    umapSettings.setDisable(true);
    metric.getItems().setAll("cosine", "euclidean");
    metric.setValue("cosine");
    clusterMethod.getItems().setAll("k-means", "HDBSCAN");
    clusterMethod.setValue("k-means");
    clusterMethod.valueProperty().addListener((o, a, b) ->
        clusterSize.getValueFactory().setValue("HDBSCAN".equals(b) ? 10 : 8));
    colourBy.getItems().setAll(Colouring.By.values());
    colourBy.setConverter(new javafx.util.StringConverter<>() {
      @Override
      public String toString(Colouring.By b) {
        return b == null ? "" : switch (b) {
          case CLUSTER -> "cluster";
          case FILE_TYPE -> "file type";
          case FOLDER -> "folder";
          case AGREEMENT -> "neighbour agreement";
        };
      }

      @Override
      public Colouring.By fromString(String s) {
        return null; // not editable
      }
    });
    colourBy.setValue(Colouring.By.CLUSTER);
    colourBy.valueProperty().addListener((o, a, b) -> {
      showAgreementChoice();
      recolour();
    });
    agreeWith.valueProperty().addListener((o, a, b) -> {
      if (colourBy.getValue() == Colouring.By.AGREEMENT) {
        recolour();
      }
    });
    showAgreementChoice();
    progress.setVisible(false);
    clusterButton.setDisable(true);
    plot.setOnHover(this::hover);
    plot.setOnPick(i -> onSelect.accept(selectionOf(i)));
    plot.setOnLasso(this::lassoed);
    selection.setCellFactory(l -> new javafx.scene.control.ListCell<>() {
      @Override
      protected void updateItem(MapData.MapItem it, boolean empty) {
        super.updateItem(it, empty);
        setText(empty || it == null ? null : it.title() + "  ·  passage " + (it.ordinal() + 1));
      }
    });
    selection.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
      MapData.MapItem it = selection.getSelectionModel().getSelectedItem();
      if (it != null) {
        onSelect.accept(selectionOf(map.items().indexOf(it)));
      }
    });
    hoverLabel.setVisible(false);
    overlayKey.setVisible(false);
    legend.setVisible(false); // an empty legend would show as a blank box over the plot
  }

  public Parent root() {
    return root;
  }

  public ScatterPlot plot() {
    return plot;
  }

  public MapData map() {
    return map;
  }

  public void setOnSelect(Consumer<HitSelection> onSelect) {
    this.onSelect = Objects.requireNonNull(onSelect);
  }

  public void setStatusSink(Consumer<String> status) {
    this.status = Objects.requireNonNull(status);
  }

  /** Puts the keyboard on "Compute map" (Space computes), as the tab opens. */
  public void focus() {
    computeButton.requestFocus();
  }

  /** The models to offer: the workspace's text models, then its CLIP model (a map of the images). */
  public void showWorkspace(WorkspaceInfo info) {
    String current = model.getValue();
    model.getItems().setAll(info.models());
    model.setValue(current != null && info.models().contains(current) ? current : info.models().get(0));
    agreeWith.getItems().setAll(info.models());
    Fx.then(port.imageModel(), clip -> clip.filter(id -> !model.getItems().contains(id)).ifPresent(id -> {
      model.getItems().add(id);
      if (id.equals(current)) {
        model.setValue(id);
      }
    }), e -> status.accept("Could not list the image model: " + Fx.message(e)));
  }

  /** The Search pane's current query, drawn on the map with its hits. */
  public void showQuery(String q, SearchMode mode) {
    this.query = q == null ? "" : q;
    this.queryMode = mode;
    refreshOverlay();
  }

  /** Computes the map with the chosen method and settings. */
  @FXML
  public void compute() {
    if (running != null) {
      running.cancel();
    }
    Cancellation mine = new Cancellation();
    running = mine;
    ExplorePort.ProjectionSettings settings = umapButton.isSelected()
        ? new ExplorePort.ProjectionSettings(true, neighbours.getValue(), minDistance.getValue(), metric.getValue())
        : ExplorePort.ProjectionSettings.PCA;
    progress.setVisible(true);
    progress.setProgress(-1);
    computeButton.setDisable(true);
    mapSummary.setText("Projecting " + model.getValue() + " with " + (settings.umap() ? "UMAP" : "PCA") + "…");
    Fx.then(port.project(model.getValue(), settings,
        p -> javafx.application.Platform.runLater(() -> progress.setProgress(p)), mine), m -> {
          if (running == mine) {
            running = null;
            showMap(m);
          }
        }, e -> {
          if (running == mine) {
            running = null;
            progress.setVisible(false);
            computeButton.setDisable(false);
            mapSummary.setText("Could not compute the map: " + Fx.message(e));
          }
        });
  }

  /** Clusters the current map. */
  @FXML
  public void cluster() {
    if (map == null) {
      return;
    }
    boolean hdb = "HDBSCAN".equals(clusterMethod.getValue());
    int size = clusterSize.getValue();
    var settings = new ExplorePort.ClusterSettings(hdb, hdb ? 8 : Math.max(2, size), hdb ? Math.max(2, size) : 5);
    clusterButton.setDisable(true);
    Fx.then(port.cluster(map, settings, new Cancellation()), c -> {
      clusters = c;
      clusterButton.setDisable(false);
      colourBy.setValue(Colouring.By.CLUSTER);
      recolour();
      status.accept(c.method() + ": " + c.names().size() + " clusters");
    }, e -> {
      clusterButton.setDisable(false);
      status.accept("Clustering failed: " + Fx.message(e));
    });
  }

  @FXML
  private void exportPng() {
    if (map == null) {
      return;
    }
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Export the map as PNG");
    chooser.setInitialFileName("sextant-map-" + map.modelId() + ".png");
    chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
    File f = chooser.showSaveDialog(root.getScene() == null ? null : root.getScene().getWindow());
    if (f != null) {
      Fx.then(port.savePng(f.toPath(), plot.pixels(), plot.pixelWidth(), plot.pixelHeight()),
          v -> status.accept("Saved " + f), e -> status.accept("Could not save " + f + ": " + Fx.message(e)));
    }
  }

  /** Shows a computed map (also the tests' and the screenshot script's way in). */
  public void showMap(MapData m) {
    map = m;
    clusters = null;
    progress.setVisible(false);
    computeButton.setDisable(false);
    clusterButton.setDisable(false);
    Colouring.Result c = Colouring.of(m, null, colourBy.getValue());
    // a few dozen passages need bigger dots to be seen; 100,000 need small ones not to merge
    plot.setPointStyle(m.size() < 1_000 ? 6 : m.size() < 20_000 ? 4 : 3, m.size() < 1_000 ? 220 : 170);
    plot.setPoints(m.xs(), m.ys(), c.category(), c.palette());
    showLegend(c);
    boolean images = m.size() > 0 && m.items().get(0).image();
    mapSummary.setText(m.size() + (images ? " images · " : " passages · ") + m.modelId() + " · " + m.method()
        + (m.millis() > 0 ? " · " + m.millis() + " ms" : " · cached"));
    selection.getItems().clear();
    refreshOverlay();
    if (colourBy.getValue() == Colouring.By.AGREEMENT) {
      showAgreementChoice();
      recolour(); // measures agreement for the new map
    }
  }

  private void showAgreementChoice() {
    boolean on = colourBy.getValue() == Colouring.By.AGREEMENT;
    agreeWith.setVisible(on);
    agreeWith.setManaged(on);
    if (on && agreeWith.getValue() == null && map != null) {
      agreeWith.getItems().stream().filter(m -> !m.equals(map.modelId())).findFirst().ifPresent(agreeWith::setValue);
    }
  }

  /** Colours by neighbour agreement with the chosen model, measuring it first in the background. */
  private void colourByAgreement() {
    String other = agreeWith.getValue();
    if (other == null || other.equals(map.modelId())) {
      status.accept("Choose another model to compare this map's neighbourhoods with.");
      return;
    }
    if (agreementMap == map && other.equals(agreementWith)) {
      Colouring.Result c = Colouring.ofAgreement(agreement, AGREEMENT_K);
      plot.setCategories(c.category(), c.palette());
      showLegend(c);
      return;
    }
    if (agreementRun != null) {
      agreementRun.cancel();
    }
    Cancellation mine = new Cancellation();
    agreementRun = mine;
    MapData forMap = map;
    status.accept("Measuring neighbour agreement of " + map.modelId() + " and " + other + "…");
    Fx.then(port.agreement(map, other, AGREEMENT_K, mine), values -> {
      if (agreementRun != mine) {
        return;
      }
      agreementRun = null;
      agreement = values;
      agreementMap = forMap;
      agreementWith = other;
      status.accept(agreementSummary(values, forMap.modelId(), other));
      if (map == forMap && colourBy.getValue() == Colouring.By.AGREEMENT) {
        recolour();
      }
    }, e -> {
      if (agreementRun == mine) {
        agreementRun = null;
        status.accept("Could not measure neighbour agreement: " + Fx.message(e));
      }
    });
  }

  /** "Neighbour agreement of A and B (k = 10): mean 63.1 % over 2000 of 9639 points scored". */
  static String agreementSummary(double[] values, String model, String other) {
    double sum = 0;
    int n = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        sum += v;
        n++;
      }
    }
    return String.format(java.util.Locale.ROOT, "Neighbour agreement of %s and %s (k = %d): mean %.1f %% over %s",
        model, other, AGREEMENT_K, n == 0 ? 0 : 100 * sum / n,
        n == values.length ? "all " + n + " points" : n + " of " + values.length + " points (sampled)");
  }

  /** The current map's per-point agreement (null until measured), for tests. */
  public double[] agreementValues() {
    return agreementMap == map ? agreement : null;
  }

  private void recolour() {
    if (map == null) {
      return;
    }
    if (colourBy.getValue() == Colouring.By.AGREEMENT) {
      colourByAgreement();
      return;
    }
    Colouring.Result c = Colouring.of(map, clusters, colourBy.getValue());
    plot.setCategories(c.category(), c.palette());
    showLegend(c);
  }

  private void showLegend(Colouring.Result c) {
    legend.getChildren().clear();
    legend.setVisible(!c.legend().isEmpty());
    int shown = 0;
    for (Colouring.Entry e : c.legend()) {
      if (shown++ == MAX_LEGEND_ROWS) { // HDBSCAN can find hundreds; the largest come first
        Label more = new Label("… " + (c.legend().size() - MAX_LEGEND_ROWS) + " more");
        more.getStyleClass().add("legend-entry");
        legend.getChildren().add(more);
        break;
      }
      Rectangle swatch = new Rectangle(10, 10, javafx.scene.paint.Color.web(Palette.css(e.argb())));
      Label l = new Label(e.name() + "  (" + e.count() + ")", swatch);
      l.getStyleClass().add("legend-entry");
      legend.getChildren().add(l);
    }
  }

  private void refreshOverlay() {
    if (map == null || query.isBlank()) {
      plot.setMarkers(List.of());
      overlayKey.setVisible(false);
      return;
    }
    MapData mine = map;
    Fx.then(port.overlay(map, query, queryMode, 10), o -> {
      if (mine != map) {
        return;
      }
      List<ScatterPlot.Marker> markers = new ArrayList<>();
      for (int i = 0; i < o.relevant().length; i++) {
        int p = o.relevant()[i];
        markers.add(new ScatterPlot.Marker(map.xs()[p], map.ys()[p],
            o.relevantFound()[i] ? ScatterPlot.Marker.Kind.RELEVANT : ScatterPlot.Marker.Kind.RELEVANT_MISSED,
            map.items().get(p).title()));
      }
      for (int p : o.hits()) {
        markers.add(new ScatterPlot.Marker(map.xs()[p], map.ys()[p], ScatterPlot.Marker.Kind.HIT, map.items().get(p).title()));
      }
      markers.add(new ScatterPlot.Marker(o.x(), o.y(), ScatterPlot.Marker.Kind.QUERY, query));
      plot.setMarkers(markers);
      overlayKey.setText(overlayKey(o));
      overlayKey.setVisible(true);
    }, e -> status.accept("Could not place the query on the map: " + Fx.message(e)));
  }

  /** The overlay's key: what the marks mean, and how many judged-relevant files the hits missed. */
  static String overlayKey(ExplorePort.QueryOverlay o) {
    StringBuilder b = new StringBuilder("\u2605 query   \u25CB ").append(o.hits().length).append(" top hits");
    if (o.relevant().length == 0) {
      return b.append("   (no files judged relevant to this query)").toString();
    }
    int missed = 0;
    for (boolean found : o.relevantFound()) {
      missed += found ? 0 : 1;
    }
    return b.append("\n\u25CE ").append(o.relevant().length).append(" judged relevant: ")
        .append(o.relevant().length - missed).append(" found, ").append(missed).append(" missed (crossed out)")
        .toString();
  }

  /** The overlay key's text ("" while no query is on the map). */
  public String overlayKeyText() {
    return overlayKey.isVisible() ? overlayKey.getText() : "";
  }

  private void hover(int i) {
    hovered = i;
    if (i < 0 || map == null) {
      hoverLabel.setVisible(false);
      return;
    }
    MapData.MapItem it = map.items().get(i);
    if (it.image()) {
      hoverLabel.setText(it.title() + (it.preview().equals(it.title()) ? "" : "\n" + it.preview()));
      hoverLabel.setGraphic(thumbnailOf(it.docKey(), i));
    } else {
      hoverLabel.setText(it.title() + " · passage " + (it.ordinal() + 1)
          + (it.page() > 0 ? " · page " + it.page() : "") + "\n" + it.preview());
      hoverLabel.setGraphic(null);
    }
    hoverLabel.setVisible(true);
  }

  /**
   * The hovered image's thumbnail, from the cache or (the first time) loaded in the background and
   * shown when it arrives if the pointer is still on that point; null while loading.
   */
  private ImageView thumbnailOf(String path, int point) {
    Image cached = thumbnails.get(path);
    if (cached != null) {
      return thumbView(cached);
    }
    if (!thumbnails.containsKey(path)) {
      thumbnails.put(path, null); // asked once
      MapData mine = map;
      Fx.then(port.thumbnail(path), p -> p.ifPresent(file -> {
        thumbnails.put(path, new Image(file.toUri().toString(), HOVER_THUMB, HOVER_THUMB, true, true, false));
        if (map == mine && hovered == point) {
          hover(point);
        }
      }), e -> status.accept("Could not load the thumbnail of " + path + ": " + Fx.message(e)));
    }
    return null;
  }

  private static ImageView thumbView(Image img) {
    ImageView v = new ImageView(img);
    v.getStyleClass().add("hover-thumb");
    return v;
  }

  /** The hover box's picture (an image point's thumbnail), for tests; null when none is shown. */
  public Image hoverThumbnail() {
    return hoverLabel.isVisible() && hoverLabel.getGraphic() instanceof ImageView v ? v.getImage() : null;
  }

  private void lassoed(int[] picked) {
    List<MapData.MapItem> items = new ArrayList<>(picked.length);
    for (int i : picked) {
      items.add(map.items().get(i));
    }
    selection.getItems().setAll(items);
    selectionPane.setText("Selection (" + items.size() + ")");
    selectionPane.setExpanded(!items.isEmpty());
  }

  /** The Inspector's view of point {@code i}. */
  HitSelection selectionOf(int i) {
    MapData.MapItem it = map.items().get(i);
    ChunkHit chunk = new ChunkHit(it.chunkId(), it.docKey(), it.docKey(), it.title(), it.preview(),
        it.page(), it.ordinal(), 0, it.preview().length(), it.preview(), List.of(),
        null, null, null, null, 0);
    DocHit doc = new DocHit(it.docKey(), it.docKey(), it.title(), 0, List.of(chunk));
    return new HitSelection(doc, chunk, "", SearchMode.SEMANTIC, map.modelId());
  }
}
