package io.sextant.views.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sextant.views.common.UiState;
import java.util.List;
import javafx.scene.input.KeyCombination;
import org.junit.jupiter.api.Test;

class WindowGeometryTest {

  @Test
  void storedGeometryComesBackAsItWasSaved() {
    UiState s = UiState.inMemory();
    new WindowGeometry(40, 30, 1200, 700, true, 0.25, 0.7).store(s);
    assertEquals(new WindowGeometry(40, 30, 1200, 700, true, 0.25, 0.7), WindowGeometry.load(s));
  }

  @Test
  void junkOrTinyValuesFallBackToUsableOnes() {
    UiState s = UiState.inMemory();
    s.put("window.width", "12");
    s.put("window.height", "not a number");
    s.put("window.divider.left", "0.9");
    s.put("window.divider.right", "0.1");
    WindowGeometry g = WindowGeometry.load(s);
    assertEquals(WindowGeometry.MIN_WIDTH, g.width());
    assertEquals(WindowGeometry.DEFAULT.height(), g.height());
    assertTrue(g.leftDivider() <= 0.45 && g.rightDivider() >= g.leftDivider() + 0.2, g.toString());
  }

  @Test
  void aPositionOnAScreenThatIsGoneIsNotRestored() {
    WindowGeometry g = new WindowGeometry(3000, 100, 1200, 700, false, 0.2, 0.7);
    assertFalse(g.positionedWithin(List.<double[]>of(new double[] {0, 0, 1920, 1080})));
    assertTrue(g.positionedWithin(List.of(new double[] {0, 0, 1920, 1080}, new double[] {1920, 0, 2560, 1440})));
    assertFalse(WindowGeometry.DEFAULT.positionedWithin(List.<double[]>of(new double[] {0, 0, 1920, 1080})));
  }

  @Test
  void everyShortcutIsAValidKeyCombinationAndListedInTheHelp() {
    for (Shortcuts.Shortcut s : Shortcuts.ALL) {
      if (s != Shortcuts.JUDGE) { // three plain keys handled by the result list itself
        KeyCombination.valueOf(s.keys());
      }
      assertTrue(Shortcuts.help().contains(s.action()), s.action());
    }
  }
}
