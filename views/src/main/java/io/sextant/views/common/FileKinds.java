package io.sextant.views.common;

import java.util.Locale;
import java.util.Map;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** The icon and colour class a file type is drawn with in lists. */
public final class FileKinds {

  /** Broad kinds of file, each with its own icon and a CSS style class {@code kind-<name>}. */
  public enum Kind {
    PDF(Material2MZ.PICTURE_AS_PDF),
    DOCUMENT(Material2AL.DESCRIPTION),
    SLIDES(Material2MZ.SLIDESHOW),
    SHEET(Material2MZ.TABLE_CHART),
    WEB(Material2AL.LANGUAGE),
    TEXT(Material2MZ.NOTES),
    CODE(Material2AL.CODE),
    IMAGE(Material2AL.IMAGE),
    OTHER(Material2AL.INSERT_DRIVE_FILE);

    private final Ikon icon;

    Kind(Ikon icon) {
      this.icon = icon;
    }

    public Ikon icon() {
      return icon;
    }

    public String styleClass() {
      return "kind-" + name().toLowerCase(Locale.ROOT);
    }
  }

  private static final Map<String, Kind> BY_EXTENSION = Map.ofEntries(
      Map.entry("pdf", Kind.PDF),
      Map.entry("doc", Kind.DOCUMENT), Map.entry("docx", Kind.DOCUMENT),
      Map.entry("odt", Kind.DOCUMENT), Map.entry("rtf", Kind.DOCUMENT),
      Map.entry("epub", Kind.DOCUMENT),
      Map.entry("ppt", Kind.SLIDES), Map.entry("pptx", Kind.SLIDES), Map.entry("odp", Kind.SLIDES),
      Map.entry("xls", Kind.SHEET), Map.entry("xlsx", Kind.SHEET), Map.entry("ods", Kind.SHEET),
      Map.entry("csv", Kind.SHEET), Map.entry("tsv", Kind.SHEET),
      Map.entry("html", Kind.WEB), Map.entry("htm", Kind.WEB), Map.entry("xhtml", Kind.WEB),
      Map.entry("xml", Kind.WEB),
      Map.entry("txt", Kind.TEXT), Map.entry("md", Kind.TEXT), Map.entry("markdown", Kind.TEXT),
      Map.entry("rst", Kind.TEXT), Map.entry("org", Kind.TEXT), Map.entry("eml", Kind.TEXT),
      Map.entry("java", Kind.CODE), Map.entry("py", Kind.CODE), Map.entry("js", Kind.CODE),
      Map.entry("ts", Kind.CODE), Map.entry("c", Kind.CODE), Map.entry("h", Kind.CODE),
      Map.entry("cpp", Kind.CODE), Map.entry("rs", Kind.CODE), Map.entry("go", Kind.CODE),
      Map.entry("sh", Kind.CODE), Map.entry("json", Kind.CODE), Map.entry("yaml", Kind.CODE),
      Map.entry("yml", Kind.CODE), Map.entry("toml", Kind.CODE), Map.entry("sql", Kind.CODE),
      Map.entry("jpg", Kind.IMAGE), Map.entry("jpeg", Kind.IMAGE), Map.entry("png", Kind.IMAGE),
      Map.entry("gif", Kind.IMAGE), Map.entry("bmp", Kind.IMAGE), Map.entry("webp", Kind.IMAGE),
      Map.entry("tif", Kind.IMAGE), Map.entry("tiff", Kind.IMAGE));

  private FileKinds() {}

  /** The kind of a file from its name's extension (case-insensitive). */
  public static Kind of(String fileName) {
    int slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
    String name = fileName.substring(slash + 1);
    int dot = name.lastIndexOf('.');
    if (dot <= 0 || dot == name.length() - 1) {
      return Kind.OTHER;
    }
    return BY_EXTENSION.getOrDefault(name.substring(dot + 1).toLowerCase(Locale.ROOT), Kind.OTHER);
  }
}
