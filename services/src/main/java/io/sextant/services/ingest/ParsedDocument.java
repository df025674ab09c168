package io.sextant.services.ingest;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The text of one file plus the metadata and structure the parser found in it.
 *
 * <p>Structure is kept as character offsets into {@link #text()} rather than as markup, so the
 * chunker can cut the plain text anywhere and still say which page a chunk is on and where a
 * heading begins.
 *
 * @param text the document text: paragraphs separated by a blank line, never null
 * @param title document title from its metadata, or ""
 * @param author author(s) from its metadata, or ""
 * @param created creation time from its metadata, or null when unknown
 * @param modified last modification time from its metadata, or null when unknown
 * @param pageCount number of pages the format declares, or 0 when it has none
 * @param language ISO 639 code of the detected language ("en", "de"...), or "" when unsure
 * @param contentType detected media type, e.g. "application/pdf"
 * @param pageStarts offset in {@code text} where each page starts, ascending; empty without pages
 * @param headingStarts offset in {@code text} where each heading starts, ascending
 * @param truncated whether the text stopped at the parser's write limit
 */
public record ParsedDocument(
    String text,
    String title,
    String author,
    Instant created,
    Instant modified,
    int pageCount,
    String language,
    String contentType,
    int[] pageStarts,
    int[] headingStarts,
    boolean truncated) {

  public ParsedDocument {
    Objects.requireNonNull(text, "text");
    title = title == null ? "" : title;
    author = author == null ? "" : author;
    language = language == null ? "" : language;
    contentType = contentType == null ? "" : contentType;
    if (pageCount < 0) {
      throw new IllegalArgumentException("pageCount must be >= 0, got " + pageCount);
    }
    // Copies: a record is only immutable if nobody else holds its arrays.
    pageStarts = checkOffsets("pageStarts", pageStarts, text.length());
    headingStarts = checkOffsets("headingStarts", headingStarts, text.length());
  }

  /** A document with text only: no metadata, pages or headings. */
  public static ParsedDocument ofText(String text) {
    return new ParsedDocument(text, "", "", null, null, 0, "", "text/plain", null, null, false);
  }

  /** Offsets where pages start (a copy). */
  @Override
  public int[] pageStarts() {
    return pageStarts.clone();
  }

  /** Offsets where headings start (a copy). */
  @Override
  public int[] headingStarts() {
    return headingStarts.clone();
  }

  /** Number of page starts recorded (may be less than {@link #pageCount()} if some were lost). */
  public int pageStartCount() {
    return pageStarts.length;
  }

  /** Number of heading starts recorded. */
  public int headingCount() {
    return headingStarts.length;
  }

  /** Offset of the {@code i}-th heading start, in ascending order. */
  public int headingStart(int i) {
    return headingStarts[i];
  }

  /**
   * The 1-based page that the character at {@code offset} is on, or 0 if the document has no
   * pages. Text before the first page start counts as page 1; when several pages start at the same
   * offset (empty pages) the last of them wins, because the text there belongs to it.
   */
  public int pageAt(int offset) {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0, got " + offset);
    }
    if (pageStarts.length == 0) {
      return 0;
    }
    int lo = 0;
    int hi = pageStarts.length - 1;
    int found = -1; // last index with pageStarts[i] <= offset
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (pageStarts[mid] <= offset) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found < 0 ? 1 : found + 1;
  }

  private static int[] checkOffsets(String name, int[] offsets, int length) {
    if (offsets == null) {
      return new int[0];
    }
    int[] copy = offsets.clone();
    int previous = 0;
    for (int i = 0; i < copy.length; i++) {
      if (copy[i] < previous || copy[i] > length) {
        throw new IllegalArgumentException(
            name + " must be ascending offsets within the text (length " + length + "), but ["
                + i + "]=" + copy[i]);
      }
      previous = copy[i];
    }
    return copy;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ParsedDocument d
        && text.equals(d.text)
        && title.equals(d.title)
        && author.equals(d.author)
        && Objects.equals(created, d.created)
        && Objects.equals(modified, d.modified)
        && pageCount == d.pageCount
        && language.equals(d.language)
        && contentType.equals(d.contentType)
        && Arrays.equals(pageStarts, d.pageStarts)
        && Arrays.equals(headingStarts, d.headingStarts)
        && truncated == d.truncated;
  }

  @Override
  public int hashCode() {
    return Objects.hash(text, title, author, created, modified, pageCount, language, contentType,
        Arrays.hashCode(pageStarts), Arrays.hashCode(headingStarts), truncated);
  }

  /** Summary without the text, which may be megabytes. */
  @Override
  public String toString() {
    return "ParsedDocument[contentType=" + contentType + ", title=" + title + ", chars="
        + text.length() + ", pages=" + pageCount + ", headings=" + headingStarts.length
        + ", language=" + language + (truncated ? ", truncated" : "") + "]";
  }
}
