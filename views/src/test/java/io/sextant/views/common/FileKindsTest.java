package io.sextant.views.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FileKindsTest {

  @Test
  void kindComesFromTheExtensionWhateverItsCase() {
    assertEquals(FileKinds.Kind.PDF, FileKinds.of("/a/Report.PDF"));
    assertEquals(FileKinds.Kind.DOCUMENT, FileKinds.of("C:\\notes\\x.docx"));
    assertEquals(FileKinds.Kind.TEXT, FileKinds.of("readme.md"));
    assertEquals(FileKinds.Kind.IMAGE, FileKinds.of("IMG_0001.JPG"));
  }

  @Test
  void unknownHiddenOrExtensionlessFilesAreOther() {
    assertEquals(FileKinds.Kind.OTHER, FileKinds.of("/a/.bashrc"));
    assertEquals(FileKinds.Kind.OTHER, FileKinds.of("/a/Makefile"));
    assertEquals(FileKinds.Kind.OTHER, FileKinds.of("/a/b.unknownext"));
    assertEquals(FileKinds.Kind.OTHER, FileKinds.of("/a.d/file."));
  }

  @Test
  void eachKindHasItsOwnStyleClass() {
    assertEquals("kind-pdf", FileKinds.Kind.PDF.styleClass());
  }
}
