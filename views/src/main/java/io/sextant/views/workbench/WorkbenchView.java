package io.sextant.views.workbench;

import java.util.List;
import java.util.Objects;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;

/** Controller of WorkbenchView.fxml: thin, it only forwards to the {@link SearchPort}. */
public final class WorkbenchView {

  private final SearchPort port;

  @FXML private TextField query;
  @FXML private ListView<String> results;
  @FXML private Label status;

  public WorkbenchView(SearchPort port) {
    this.port = Objects.requireNonNull(port, "port");
  }

  /** Loads the FXML and CSS beside this class and shows the window. Call on the FX thread. */
  public void show(Stage stage) throws java.io.IOException {
    FXMLLoader loader = new FXMLLoader(WorkbenchView.class.getResource("WorkbenchView.fxml"));
    loader.setController(this);
    Parent root = loader.load();
    Scene scene = new Scene(root, 1100, 720);
    scene.getStylesheets().add(WorkbenchView.class.getResource("WorkbenchView.css").toExternalForm());
    stage.setTitle("Sextant");
    stage.setScene(scene);
    stage.show();
    port.describe().whenComplete((s, e) -> Platform.runLater(
        () -> status.setText(e != null ? "Could not open the workspace: " + e.getMessage() : s)));
  }

  @FXML
  private void onSearch() {
    String q = query.getText();
    if (q == null || q.isBlank()) {
      return;
    }
    status.setText("Searching…");
    port.search(q).whenComplete((hits, e) -> Platform.runLater(() -> show(hits, e)));
  }

  private void show(List<String> hits, Throwable e) {
    if (e != null) {
      status.setText("Search failed: " + e.getMessage());
      return;
    }
    results.getItems().setAll(hits);
    status.setText(hits.size() + " results");
  }
}
