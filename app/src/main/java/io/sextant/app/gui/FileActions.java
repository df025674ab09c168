package io.sextant.app.gui;

import java.io.IOException;
import java.nio.file.Path;

/** Hands a file to the desktop: open it, or show it in its folder. */
public interface FileActions {

  void open(Path file) throws IOException;

  void reveal(Path file) throws IOException;
}
