package io.sextant.views.inspector;

import io.sextant.services.browse.ChunkContext;
import io.sextant.services.catalog.ChunkRecord;
import io.sextant.services.catalog.FileRecord;
import io.sextant.services.search.ChunkHit;
import io.sextant.views.common.Backend;
import io.sextant.views.common.FileKinds;
import io.sextant.views.common.Fx;
import io.sextant.views.common.FxmlView;
import io.sextant.views.common.HitSelection;
import io.sextant.views.common.ScoreFormat;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Controller of InspectorView.fxml: shows one {@link HitSelection}. The passage's neighbours and
 * the file's metadata are fetched in the background; a newer selection wins over a slower older
 * one.
 */
public final class InspectorView {

  /** Neighbouring chunks shown on each side of the selected one. */
  static final int RADIUS = 1;
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneId.systemDefault());

  private final Backend backend;
  private final Parent root;
  private Consumer<ChunkHit> onFindSimilar = h -> {};
  private Consumer<String> status = s -> {};
  private HitSelection current;
  private long generation;

  @FXML private VBox content;
  @FXML private VBox emptyState;
  @FXML private FontIcon kindIcon;
  @FXML private Label title;
  @FXML private Label path;
  @FXML private Button openButton;
  @FXML private Button revealButton;
  @FXML private Button similarButton;
  @FXML private Label position;
  @FXML private VBox passage;
  @FXML private VBox scores;
  @FXML private GridPane metadata;

  public InspectorView(Backend backend) {
    this.backend = Objects.requireNonNull(backend, "backend");
    this.root = FxmlView.load(this, InspectorView.class);
  }

  @FXML
  private void initialize() {
    content.managedProperty().bind(content.visibleProperty());
    emptyState.managedProperty().bind(emptyState.visibleProperty());
    clear();
  }

  public Parent root() {
    return root;
  }

  public void setOnFindSimilar(Consumer<ChunkHit> onFindSimilar) {
    this.onFindSimilar = Objects.requireNonNull(onFindSimilar);
  }

  public void setStatusSink(Consumer<String> status) {
    this.status = Objects.requireNonNull(status);
  }

  /** Shows nothing selected. */
  public void clear() {
    current = null;
    generation++;
    content.setVisible(false);
    emptyState.setVisible(true);
  }

  /** The selection shown, or null. */
  public HitSelection current() {
    return current;
  }

  /** Shows a hit: header and scores at once, then its passage in context and file metadata. */
  public void show(HitSelection sel) {
    current = Objects.requireNonNull(sel);
    long mine = ++generation;
    content.setVisible(true);
    emptyState.setVisible(false);
    ChunkHit hit = sel.chunk();
    FileKinds.Kind kind = FileKinds.of(hit.path());
    kindIcon.setIconCode(kind.icon());
    kindIcon.getStyleClass().setAll("inspector-icon", kind.styleClass());
    title.setText(sel.doc().title());
    path.setText(hit.path());
    position.setText(position(hit, 0));
    scores.getChildren().clear();
    for (String line : ScoreFormat.components(hit, sel.mode())) {
      Label l = new Label(line);
      l.getStyleClass().add("score-line");
      scores.getChildren().add(l);
    }
    if (!sel.query().isBlank()) {
      Label q = new Label("Query: “" + sel.query() + "” · " + sel.mode().name().toLowerCase(Locale.ROOT)
          + (sel.mode() == io.sextant.services.search.SearchMode.KEYWORD ? "" : " · " + sel.modelId()));
      q.getStyleClass().add("score-query");
      q.setWrapText(true);
      scores.getChildren().add(0, q);
    }
    passage.getChildren().setAll(flow(hit.text(), sel.query(), "passage-current"));
    metadata.getChildren().clear();
    if (sel.doc().kind() == io.sextant.services.search.DocHit.Kind.IMAGE) {
      showImage(sel, mine);
      return;
    }
    Fx.then(backend.context(hit, RADIUS), ctx -> {
      if (mine == generation) {
        showContext(sel, ctx);
      }
    }, e -> {
      if (mine == generation) {
        position.setText(Fx.message(e));
      }
    });
  }

  /** An image hit: its thumbnail instead of a passage, and its EXIF facts as metadata. */
  private void showImage(HitSelection sel, long mine) {
    position.setText("Image");
    String p = sel.doc().path();
    Fx.then(backend.thumbnail(p), t -> {
      if (mine == generation && t.isPresent()) {
        javafx.scene.image.ImageView view = new javafx.scene.image.ImageView(
            new javafx.scene.image.Image(t.get().toUri().toString(), 256, 256, true, true, true));
        view.getStyleClass().add("inspector-thumb");
        passage.getChildren().setAll(view);
      }
    }, e -> { });
    Fx.then(backend.imageFacts(p), facts -> {
      if (mine == generation) {
        int row = 0;
        for (var e : facts.entrySet()) {
          row = meta(row, e.getKey(), e.getValue());
        }
      }
    }, e -> position.setText(Fx.message(e)));
  }

  private void showContext(HitSelection sel, ChunkContext ctx) {
    ChunkRecord chunk = ctx.chunk();
    position.setText(position(sel.chunk(), ctx.chunkCount())
        + (ctx.file().pageCount() > 0 ? " of " + ctx.file().pageCount() + " pages" : ""));
    passage.getChildren().clear();
    UnaryOperator<String> shown = ctx.file().contentType().contains("pdf") ? PassageText::reflow : t -> t;
    for (ChunkRecord b : ctx.before()) {
      passage.getChildren().add(flow("… " + shown.apply(PassageText.leadIn(b, chunk).strip()), "", "passage-context"));
    }
    passage.getChildren().add(flow(shown.apply(chunk.text()), sel.query(), "passage-current"));
    for (ChunkRecord a : ctx.after()) {
      passage.getChildren().add(flow(shown.apply(PassageText.leadOut(chunk, a).strip()) + " …", "", "passage-context"));
    }
    FileRecord f = ctx.file();
    int row = 0;
    row = meta(row, "Type", f.contentType().isEmpty() ? "unknown" : f.contentType());
    row = meta(row, "Size", String.format(Locale.ROOT, "%,d bytes", f.size()));
    row = meta(row, "Modified", WHEN.format(Instant.ofEpochMilli(f.mtimeMs())));
    if (f.created() != null) {
      row = meta(row, "Created", WHEN.format(f.created()));
    }
    if (f.pageCount() > 0) {
      row = meta(row, "Pages", Integer.toString(f.pageCount()));
    }
    if (!f.author().isBlank()) {
      row = meta(row, "Author", f.author());
    }
    if (!f.language().isBlank()) {
      row = meta(row, "Language", f.language());
    }
    row = meta(row, "Passages", Integer.toString(ctx.chunkCount()));
    if (f.indexedAt() != null) {
      meta(row, "Indexed", WHEN.format(f.indexedAt()));
    }
  }

  private int meta(int row, String key, String value) {
    Label k = new Label(key);
    k.getStyleClass().add("meta-key");
    Label v = new Label(value);
    v.getStyleClass().add("meta-value");
    v.setWrapText(true);
    metadata.addRow(row, k, v);
    return row + 1;
  }

  private static String position(ChunkHit hit, int count) {
    String p = "Passage " + (hit.ordinal() + 1) + (count > 0 ? " of " + count : "");
    return hit.page() > 0 ? p + " · page " + hit.page() : p;
  }

  private static TextFlow flow(String text, String query, String style) {
    TextFlow flow = new TextFlow();
    flow.getStyleClass().addAll("passage", style);
    int at = 0;
    for (int[] r : PassageText.matches(query, text)) {
      if (r[0] > at) {
        flow.getChildren().add(text(text.substring(at, r[0]), false));
      }
      flow.getChildren().add(text(text.substring(r[0], r[1]), true));
      at = r[1];
    }
    if (at < text.length()) {
      flow.getChildren().add(text(text.substring(at), false));
    }
    return flow;
  }

  private static Text text(String s, boolean hit) {
    Text t = new Text(s);
    t.getStyleClass().add(hit ? "passage-hit" : "passage-text");
    return t;
  }

  @FXML
  public void open() {
    if (current != null) {
      String p = current.chunk().path();
      Fx.then(backend.open(Path.of(p)), v -> status.accept("Opened " + p),
          e -> status.accept("Could not open " + p + ": " + Fx.message(e)));
    }
  }

  @FXML
  public void reveal() {
    if (current != null) {
      String p = current.chunk().path();
      Fx.then(backend.reveal(Path.of(p)), v -> status.accept("Showed " + p + " in its folder"),
          e -> status.accept("Could not show " + p + ": " + Fx.message(e)));
    }
  }

  @FXML
  public void findSimilar() {
    if (current != null) {
      onFindSimilar.accept(current.chunk());
    }
  }

  /** The passage's paragraphs, for tests. */
  List<javafx.scene.Node> passageNodes() {
    return passage.getChildren();
  }
}
