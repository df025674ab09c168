package io.sextant.services.ingest;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import org.apache.tika.exception.WriteLimitReachedException;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Turns Tika's XHTML events into plain text that still shows the document's structure.
 *
 * <p>Tika's own {@code BodyContentHandler} flattens everything into one run of text, losing the
 * paragraph, heading and page boundaries that the chunker needs to cut in sensible places. This
 * handler writes a blank line between blocks, a newline at {@code <br>}, a tab between table
 * cells, and records the offsets where headings and (PDF) pages start.
 *
 * <p>Breaks are kept <em>pending</em> and written only when the next visible character arrives.
 * That collapses runs of empty elements into one separator and keeps the text free of leading
 * and trailing whitespace, so recorded offsets always point at a visible character.
 *
 * <p>Not thread-safe: one instance per parse.
 */
final class StructuredTextHandler extends DefaultHandler {

  // Pending-break strengths; a stronger break replaces a weaker one.
  private static final int NONE = 0;
  private static final int CELL = 1;
  private static final int LINE = 2;
  private static final int PARAGRAPH = 3;

  private static final Set<String> BLOCKS = Set.of(
      "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "tr",
      "table", "thead", "tbody", "tfoot", "caption", "blockquote", "pre", "section", "article",
      "header", "footer", "aside", "nav", "main", "figure", "figcaption", "address", "hr",
      "fieldset", "form", "details", "summary", "body");
  private static final Set<String> HEADINGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");
  // <head> holds Tika's <title> and <meta> copies of the metadata, not document text.
  private static final Set<String> SKIPPED = Set.of("head", "script", "style", "template");

  private final int writeLimit;
  private final StringBuilder out = new StringBuilder();
  private int[] pageStarts = new int[16];
  private int pageCount;
  private int[] headingStarts = new int[16];
  private int headingCount;

  private int pendingBreak = NONE;
  private int pendingPages;
  private boolean pendingHeading;
  private int skipDepth;
  private int embeddedDepth;
  private boolean afterCarriageReturn;
  private boolean truncated;

  StructuredTextHandler(int writeLimit) {
    if (writeLimit <= 0) {
      throw new IllegalArgumentException("writeLimit must be > 0, got " + writeLimit);
    }
    this.writeLimit = writeLimit;
  }

  /**
   * Called around an embedded document (an attachment, a zip entry). Its pages are not the
   * container's pages, so page markers inside it are ignored.
   */
  void enterEmbedded() {
    embeddedDepth++;
  }

  void exitEmbedded() {
    embeddedDepth--;
  }

  boolean truncated() {
    return truncated;
  }

  @Override
  public void startElement(String uri, String localName, String qName, Attributes atts) {
    if (skipDepth > 0) {
      skipDepth++;
      return;
    }
    String name = elementName(localName, qName);
    if (SKIPPED.contains(name)) {
      skipDepth = 1;
      return;
    }
    switch (name) {
      case "br" -> requestBreak(LINE);
      case "td", "th" -> requestBreak(CELL);
      default -> {
        if (BLOCKS.contains(name)) {
          requestBreak(PARAGRAPH);
        }
      }
    }
    if (HEADINGS.contains(name)) {
      pendingHeading = true;
    } else if (name.equals("div")) {
      String cls = atts.getValue("class");
      if ("page".equals(cls) && embeddedDepth == 0) {
        pendingPages++;
      } else if ("package-entry".equals(cls)) {
        // Each entry of a zip or each attachment is its own document: a natural place to cut.
        pendingHeading = true;
      }
    }
  }

  @Override
  public void endElement(String uri, String localName, String qName) {
    if (skipDepth > 0) {
      skipDepth--;
      return;
    }
    if (BLOCKS.contains(elementName(localName, qName))) {
      requestBreak(PARAGRAPH);
    }
  }

  @Override
  public void characters(char[] ch, int start, int length) throws SAXException {
    if (skipDepth > 0) {
      return;
    }
    if (truncated) {
      // Some parsers catch the first limit exception and go on; keep telling them to stop.
      throw new WriteLimitReachedException(writeLimit);
    }
    for (int i = start, end = start + length; i < end; i++) {
      char c = ch[i];
      if (c == '\n' && afterCarriageReturn) { // second half of \r\n
        afterCarriageReturn = false;
        continue;
      }
      afterCarriageReturn = c == '\r';
      c = normalize(c);
      if (Character.isWhitespace(c)) {
        // Whitespace before a pending break (or at the very start) is swallowed by the break.
        if (pendingBreak != NONE || out.isEmpty()) {
          continue;
        }
        if (c == '\n') {
          if (endsWithBlankLine()) {
            continue; // more than one blank line in a row says nothing the chunker can use
          }
          trimTrailingSpaces(); // so that a line of spaces reads as a blank line
        }
        checkRoom(1);
        out.append(c);
      } else {
        if (pendingBreak != NONE || pendingPages > 0 || pendingHeading) {
          flushPending();
        } else {
          checkRoom(1);
        }
        out.append(c);
      }
    }
  }

  @Override
  public void ignorableWhitespace(char[] ch, int start, int length) {
    // Tika pretty-prints its XHTML with an ignorable newline after each block, where the block
    // already asked for a stronger break. But its HTML parser also turns <br> into a bare
    // ignorable newline, so a newline here must count as a line break.
    if (skipDepth > 0 || out.isEmpty()) {
      return;
    }
    for (int i = start, end = start + length; i < end; i++) {
      if (ch[i] == '\n') {
        requestBreak(LINE);
        return;
      }
    }
  }

  /** The finished document text and its structure offsets. */
  Result result() {
    int end = out.length();
    while (end > 0 && Character.isWhitespace(out.charAt(end - 1))) {
      end--;
    }
    if (end > 0 && Character.isHighSurrogate(out.charAt(end - 1))) {
      end--; // the write limit cut a surrogate pair in half
    }
    out.setLength(end);
    int length = end;
    // Pages that never received text (trailing blank pages) start at the end of the text.
    int[] pages = Arrays.copyOf(pageStarts, pageCount + pendingPages);
    Arrays.fill(pages, pageCount, pages.length, length);
    int[] headings = Arrays.stream(headingStarts, 0, headingCount).filter(h -> h < length).toArray();
    for (int i = 0; i < pageCount; i++) {
      pages[i] = Math.min(pages[i], length);
    }
    return new Result(out.toString(), pages, headings, truncated);
  }

  record Result(String text, int[] pageStarts, int[] headingStarts, boolean truncated) {}

  private void requestBreak(int strength) {
    pendingBreak = Math.max(pendingBreak, strength);
  }

  /** Writes the pending separator and records pages/headings that start at the next character. */
  private void flushPending() throws SAXException {
    if (!out.isEmpty() && pendingBreak != NONE) {
      int end = out.length();
      while (end > 0 && Character.isWhitespace(out.charAt(end - 1))) {
        end--;
      }
      out.setLength(end);
      String separator = switch (pendingBreak) {
        case CELL -> "\t";
        case LINE -> "\n";
        default -> "\n\n";
      };
      checkRoom(separator.length() + 1);
      out.append(separator);
    } else {
      checkRoom(1);
    }
    pendingBreak = NONE;
    int at = out.length();
    for (; pendingPages > 0; pendingPages--) {
      if (pageCount == pageStarts.length) {
        pageStarts = Arrays.copyOf(pageStarts, pageCount * 2);
      }
      pageStarts[pageCount++] = at;
    }
    if (pendingHeading) {
      if (headingCount == headingStarts.length) {
        headingStarts = Arrays.copyOf(headingStarts, headingCount * 2);
      }
      headingStarts[headingCount++] = at;
      pendingHeading = false;
    }
  }

  private boolean endsWithBlankLine() {
    int n = out.length();
    return n >= 2 && out.charAt(n - 1) == '\n' && out.charAt(n - 2) == '\n';
  }

  private void trimTrailingSpaces() {
    int end = out.length();
    while (end > 0 && (out.charAt(end - 1) == ' ' || out.charAt(end - 1) == '\t')) {
      end--;
    }
    out.setLength(end);
  }

  private void checkRoom(int chars) throws WriteLimitReachedException {
    if (out.length() + chars > writeLimit) {
      truncated = true;
      throw new WriteLimitReachedException(writeLimit);
    }
  }

  private static char normalize(char c) {
    if (c == '\r' || c == '\f' || c == '\u000B' || c == '\u2028' || c == '\u2029') {
      return '\n';
    }
    if (c == '\n' || c == '\t') {
      return c;
    }
    // NULs and other controls come from broken encodings; they only confuse tokenizers and UIs.
    if (Character.getType(c) == Character.CONTROL || c == '\uFEFF') {
      return ' ';
    }
    // No-break and fixed-width spaces: Java does not count them as whitespace, so a paragraph of
    // &nbsp; would otherwise look like text.
    if (Character.isSpaceChar(c)) {
      return ' ';
    }
    return c;
  }

  private static String elementName(String localName, String qName) {
    String name = localName == null || localName.isEmpty() ? qName : localName;
    int colon = name.indexOf(':');
    return (colon >= 0 ? name.substring(colon + 1) : name).toLowerCase(Locale.ROOT);
  }
}
