package io.sextant.views.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkspaceInfoTest {

  private static WorkspaceInfo with(List<String> models, BrokenModel... broken) {
    return new WorkspaceInfo("ws", Path.of("/ws"), models, 3, 9, "", false, List.of(broken));
  }

  @Test
  void aWorkspaceWhoseModelsAllLoadHasNothingToSay() {
    WorkspaceInfo info = with(List.of("a", "b"));
    assertEquals(List.of("a", "b"), info.usableModels());
    assertEquals("", info.modelProblem());
    assertEquals("", info.modelProblemSummary());
  }

  @Test
  void aBrokenModelIsNamedWithItsReasonTheRepairCommandAndWhatStillWorks() {
    WorkspaceInfo info = with(List.of("mine", "builtin"),
        new BrokenModel("mine", "ONNX model file not found: /m/mine/model.onnx", "/exports/mine"));
    assertEquals(List.of("builtin"), info.usableModels());
    assertEquals("Model 'mine' cannot be used: ONNX model file not found: /m/mine/model.onnx. Import it again"
        + " (sextant models import /exports/mine --id mine). Keyword search and builtin still work.",
        info.modelProblem());
    assertEquals("model 'mine' cannot be used: damaged or missing files; import again to repair"
        + " (details above the search results)", info.modelProblemSummary());
  }

  @Test
  void aReasonThatAlreadyAdvisesImportGetsOnlyTheCommandAndAnUnknownSourceAPlaceholder() {
    BrokenModel b = new BrokenModel("x", "/m/x/model.onnx is truncated: …; import the model again", "");
    assertEquals("Model 'x' cannot be used: /m/x/model.onnx is truncated: …; import the model again"
        + " (sextant models import FOLDER --id x).", b.describe());
    assertEquals("sextant models import '/my exports/x' --id x",
        new BrokenModel("x", "r", "/my exports/x").fix());
    assertEquals("Model 'x' cannot be used: r. Import it again (sextant models import FOLDER --id x)."
        + " Keyword search still works.", with(List.of("x"), new BrokenModel("x", "r", "")).modelProblem());
  }

  @Test
  void aBrokenModelMustBeOneOfTheWorkspaces() {
    assertThrows(IllegalArgumentException.class, () -> with(List.of("a"), new BrokenModel("b", "r", "")));
  }
}
