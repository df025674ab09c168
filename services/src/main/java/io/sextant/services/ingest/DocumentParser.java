package io.sextant.services.ingest;

import io.sextant.services.ingest.DocumentParseException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.TikaMemoryLimitException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.exception.ZeroByteFileException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.extractor.ParsingEmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.langdetect.opennlp.OpenNLPDetector;
import org.apache.tika.language.detect.LanguageResult;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.PagedText;
import org.apache.tika.metadata.Property;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.ParseRecord;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Reads any file Tika understands into a {@link ParsedDocument}: structured text plus metadata.
 *
 * <p>Failures are reduced to a {@link DocumentParseException} with a short reason a user can act
 * on, because the catalog stores and shows that reason for every file that could not be indexed.
 *
 * <p>Thread-safe: Tika's {@link AutoDetectParser} is, and all per-parse state lives in locals.
 */
public final class DocumentParser implements FileParser {

  /** Default cap on extracted characters per file (about 20 MB of text, several thousand pages). */
  public static final int DEFAULT_WRITE_LIMIT = 20_000_000;

  /** Below this many characters language detection is a guess, so none is reported. */
  private static final int MIN_LANGUAGE_CHARS = 64;
  /** Language detection looks at the start only: more text does not change the answer. */
  private static final int LANGUAGE_SAMPLE_CHARS = 20_000;
  private static final int MAX_CAUSE_CHARS = 200;
  /** Text this many times larger than the file (in chars per byte) is a decompression bomb... */
  private static final long BOMB_RATIO = 100;
  /** ...once it is past this size: small files may legitimately expand a lot. */
  private static final int BOMB_MIN_CHARS = 1_000_000;
  /** How far the best language must lead the second to be reported (ratio of raw scores). */
  private static final float MIN_LANGUAGE_LEAD = 1.3f;

  private static final Set<String> MARKUP_TEXT_EXTENSIONS = Set.of("md", "markdown", "rst");
  private static final Pattern MARKDOWN_HEADING = Pattern.compile("(?m)^ {0,3}#{1,6}(?=[ \\t]|$)");
  private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~)");

  private static final Map<String, String> TYPE_NAMES = Map.ofEntries(
      Map.entry("application/pdf", "PDF"),
      Map.entry("application/msword", "DOC"),
      Map.entry("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX"),
      Map.entry("application/vnd.openxmlformats-officedocument.presentationml.presentation", "PPTX"),
      Map.entry("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"),
      Map.entry("application/x-tika-ooxml", "Office Open XML"),
      Map.entry("application/x-tika-msoffice", "OLE2 Office"),
      Map.entry("application/vnd.ms-powerpoint", "PPT"),
      Map.entry("application/vnd.ms-excel", "XLS"),
      Map.entry("application/vnd.oasis.opendocument.text", "ODT"),
      Map.entry("application/rtf", "RTF"),
      Map.entry("application/epub+zip", "EPUB"),
      Map.entry("application/zip", "ZIP"),
      Map.entry("text/html", "HTML"),
      Map.entry("application/xhtml+xml", "XHTML"),
      Map.entry("application/xml", "XML"));

  private final int writeLimit;
  private final AutoDetectParser tika;

  /** A parser with the {@linkplain #DEFAULT_WRITE_LIMIT default write limit}. */
  public DocumentParser() {
    this(DEFAULT_WRITE_LIMIT);
  }

  /**
   * @param writeLimit most characters of text kept per file; the rest is dropped and the result
   *     flagged {@link ParsedDocument#truncated()}
   */
  public DocumentParser(int writeLimit) {
    if (writeLimit <= 0) {
      throw new IllegalArgumentException("writeLimit must be > 0, got " + writeLimit);
    }
    this.writeLimit = writeLimit;
    this.tika = new AutoDetectParser();
    // By default Tika silently yields nothing for formats it has no parser for; we want to tell
    // the user "unsupported format" rather than the misleading "no text found".
    this.tika.setFallback(new UnsupportedFormatParser());
  }

  public int writeLimit() {
    return writeLimit;
  }

  /**
   * Parses {@code file}.
   *
   * @throws DocumentParseException with a short human reason when no usable text comes out
   */
  @Override
  public ParsedDocument parse(Path file) throws DocumentParseException {
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      throw new DocumentParseException(Kind.UNREADABLE, "file not found", e);
    } catch (AccessDeniedException e) {
      throw new DocumentParseException(Kind.PERMISSION_DENIED, "cannot read file: permission denied", e);
    } catch (IOException e) {
      throw new DocumentParseException(Kind.UNREADABLE, "cannot read file: " + shortMessage(e), e);
    }
    if (size == 0) {
      throw new DocumentParseException(Kind.EMPTY, "empty file", null);
    }

    StructuredTextHandler handler = new StructuredTextHandler(writeLimit);
    Metadata metadata = new Metadata();
    ParseRecord record = new ParseRecord();
    ParseContext context = newContext(handler, record);
    try (InputStream in = TikaInputStream.get(file, metadata)) {
      tika.parse(in, handler, metadata, context);
    } catch (IOException | SAXException | TikaException | RuntimeException e) {
      if (!handler.truncated() && !WriteLimitReachedException.isWriteLimitReached(e)) {
        throw classify(e, metadata, file);
      }
      // The write limit is not a failure: keep the text read so far.
    } catch (LinkageError e) {
      // A parser whose optional library is missing from the class path.
      throw new DocumentParseException(Kind.UNSUPPORTED,
          "unsupported format: " + contentType(metadata) + " (parser unavailable: "
              + shortMessage(e) + ")", e);
    }

    StructuredTextHandler.Result result = handler.result();
    String text = result.text();
    String type = contentType(metadata);
    if (text.length() > BOMB_MIN_CHARS && text.length() > BOMB_RATIO * size) {
      // Tika's own zip-bomb check measures against bytes read, which a spooled archive makes the
      // whole file; this catches what it lets through before millions of junk chunks get embedded.
      throw new DocumentParseException(Kind.TOO_LARGE, "decompression bomb: " + size + " bytes expand to over "
          + text.length() + " characters", null);
    }
    if (text.isEmpty()) {
      // An encrypted zip entry or attachment is swallowed by Tika, leaving an empty container.
      List<Exception> swallowed = record.getExceptions();
      if (swallowed.stream().anyMatch(DocumentParser::isEncrypted)) {
        throw new DocumentParseException(Kind.ENCRYPTED, "encrypted (password-protected)", null);
      }
      if (!swallowed.isEmpty()) {
        // Nothing came out and Tika recorded why (typically a damaged archive entry).
        throw classify(swallowed.get(0), metadata, file);
      }
      String hint = switch (type) {
        case "application/pdf" -> " (no text layer; OCR is off)";
        case "application/zip" -> " (empty or damaged archive)";
        default -> "";
      };
      throw new DocumentParseException(Kind.NO_TEXT, "no text found" + hint, null);
    }

    int[] headings = result.headingStarts();
    if (MARKUP_TEXT_EXTENSIONS.contains(extension(file)) || type.startsWith("text/x-web-markdown")
        || type.startsWith("text/x-rst")) {
      // Tika reads markdown and reStructuredText as plain text; find their headings ourselves.
      headings = merge(headings, plainTextHeadings(text));
    }
    int[] pages = result.pageStarts();
    int pageCount = Math.max(intValue(metadata, PagedText.N_PAGES), pages.length);
    return new ParsedDocument(
        text,
        clean(metadata.get(TikaCoreProperties.TITLE)),
        authors(metadata),
        instant(metadata.getDate(TikaCoreProperties.CREATED)),
        instant(metadata.getDate(TikaCoreProperties.MODIFIED)),
        pageCount,
        detectLanguage(text),
        type,
        pages,
        headings,
        result.truncated());
  }

  private ParseContext newContext(StructuredTextHandler handler, ParseRecord record) {
    ParseContext context = new ParseContext();
    // Embedded documents (zip entries, attachments, OLE objects) are parsed with the same parser.
    context.set(Parser.class, tika);
    context.set(EmbeddedDocumentExtractor.class, new TextOnlyEmbeddedExtractor(context, handler));
    context.set(ParseRecord.class, record);
    PDFParserConfig pdf = new PDFParserConfig();
    // Content-stream order is the reading order for nearly all PDFs; sorting by position would
    // interleave the lines of multi-column layouts.
    pdf.setSortByPosition(false);
    pdf.setExtractInlineImages(false);
    pdf.setExtractAnnotationText(true);
    // Keep the pages that do parse when one page is damaged.
    pdf.setCatchIntermediateIOExceptions(true);
    pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
    context.set(PDFParserConfig.class, pdf);
    // OCR (when tesseract is installed) can take minutes per page; indexing must stay predictable.
    TesseractOCRConfig ocr = new TesseractOCRConfig();
    ocr.setSkipOcr(true);
    context.set(TesseractOCRConfig.class, ocr);
    return context;
  }

  private static DocumentParseException classify(Exception e, Metadata metadata, Path file) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof EncryptedDocumentException) {
        return new DocumentParseException(Kind.ENCRYPTED, "encrypted (password-protected)", e);
      }
      if (t instanceof TikaMemoryLimitException || (t.getMessage() != null
          && t.getMessage().toLowerCase(Locale.ROOT).contains("zip bomb"))) {
        // Tika's SecureContentHandler: output far larger than input (or nested too deep).
        return new DocumentParseException(Kind.TOO_LARGE,
            "decompression bomb: " + shortMessage(t), e);
      }
      if (t instanceof UnsupportedFormatParser.NoParserException) {
        return new DocumentParseException(Kind.UNSUPPORTED, "unsupported format: " + t.getMessage(), e);
      }
      if (t instanceof ZeroByteFileException) {
        return new DocumentParseException(Kind.EMPTY, "empty file", e);
      }
      if (t instanceof NoSuchFileException) {
        return new DocumentParseException(Kind.UNREADABLE, "file not found", e);
      }
      if (t instanceof AccessDeniedException) {
        return new DocumentParseException(Kind.PERMISSION_DENIED, "cannot read file: permission denied", e);
      }
    }
    String type = contentType(metadata);
    String name = TYPE_NAMES.getOrDefault(type, type.isEmpty() ? extension(file).toUpperCase(Locale.ROOT) : type);
    return new DocumentParseException(Kind.CORRUPT, "corrupt " + name + ": " + shortMessage(rootCause(e)), e);
  }

  private static boolean isEncrypted(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof EncryptedDocumentException) {
        return true;
      }
    }
    return false;
  }

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    // Tika wraps the real problem ("Unexpected RuntimeException from ..."); the innermost
    // exception that has a message says what is actually wrong with the file.
    Throwable best = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        best = t;
      }
    }
    return best;
  }

  private static String shortMessage(Throwable t) {
    String message = t.getMessage();
    if (message == null || message.isBlank()) {
      return t.getClass().getSimpleName();
    }
    message = message.replaceAll("\\s+", " ").strip();
    return message.length() <= MAX_CAUSE_CHARS ? message : message.substring(0, MAX_CAUSE_CHARS) + "…";
  }

  private static String contentType(Metadata metadata) {
    String type = metadata.get(Metadata.CONTENT_TYPE);
    if (type == null) {
      return "";
    }
    MediaType parsed = MediaType.parse(type);
    return parsed == null ? type : parsed.getBaseType().toString();
  }

  private static String authors(Metadata metadata) {
    String[] values = metadata.getValues(TikaCoreProperties.CREATOR);
    List<String> authors = new ArrayList<>();
    for (String v : values) {
      String c = clean(v);
      if (!c.isEmpty() && !authors.contains(c)) {
        authors.add(c);
      }
    }
    return String.join("; ", authors);
  }

  private static String clean(String s) {
    // \p{Z} too: titles often hold no-break spaces ("Chapter&nbsp;3"), which \s does not match.
    return s == null ? "" : s.replaceAll("[\\s\\p{Z}]+", " ").strip();
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }

  private static int intValue(Metadata metadata, Property property) {
    Integer value = metadata.getInt(property);
    return value == null || value < 0 ? 0 : value;
  }

  private static String extension(Path file) {
    Path name = file.getFileName();
    return extension(name == null ? "" : name.toString());
  }

  private static String extension(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  /** ISO 639-1 code when one exists ("en"), else the detector's ISO 639-3 code; "" when unsure. */
  static String detectLanguage(String text) {
    if (text.length() < MIN_LANGUAGE_CHARS) {
      return "";
    }
    OpenNLPDetector detector = new OpenNLPDetector(); // not thread-safe; the model is shared
    detector.addText(text.length() > LANGUAGE_SAMPLE_CHARS ? text.substring(0, LANGUAGE_SAMPLE_CHARS) : text);
    List<LanguageResult> results = detector.detectAll();
    if (results.isEmpty() || results.get(0).getLanguage().isEmpty()) {
      return "";
    }
    // Tika's OpenNLP detector reports every result with confidence NONE, so its isUnknown() and
    // isReasonablyCertain() flags are useless; a clear lead over the runner-up is what separates a real answer
    // from noise (numbers, code, mixed scripts).
    float best = results.get(0).getRawScore();
    float second = results.size() > 1 ? results.get(1).getRawScore() : 0f;
    if (best < MIN_LANGUAGE_LEAD * second) {
      return "";
    }
    return IsoLanguages.toTwoLetter(results.get(0).getLanguage());
  }

  /** Offsets of markdown ATX headings ("# Title") and underlined headings (markdown/rst). */
  static int[] plainTextHeadings(String text) {
    List<Integer> found = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    int offset = 0;
    boolean inFence = false;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (FENCE.matcher(line).find()) {
        inFence = !inFence;
      } else if (!inFence) {
        Matcher m = MARKDOWN_HEADING.matcher(line);
        String stripped = line.strip();
        if (m.lookingAt()) {
          found.add(offset + firstVisible(line));
        } else if (!stripped.isEmpty() && !isUnderline(stripped) && i + 1 < lines.length
            && isUnderline(lines[i + 1].strip()) && lines[i + 1].strip().length() >= Math.min(3, stripped.length())) {
          found.add(offset + firstVisible(line));
        }
      }
      offset += line.length() + 1;
    }
    return found.stream().mapToInt(Integer::intValue).toArray();
  }

  private static boolean isUnderline(String s) {
    if (s.length() < 3) {
      return false;
    }
    char c = s.charAt(0);
    if ("=-~^\"'`#*+".indexOf(c) < 0) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      if (s.charAt(i) != c) {
        return false;
      }
    }
    return true;
  }

  private static int firstVisible(String line) {
    int i = 0;
    while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int[] merge(int[] a, int[] b) {
    return IntStream.concat(Arrays.stream(a), Arrays.stream(b)).sorted().distinct().toArray();
  }

  /**
   * Parses embedded documents for their text but skips media, which carry no text without OCR
   * and would only add file names and metadata noise.
   */
  private static final class TextOnlyEmbeddedExtractor extends ParsingEmbeddedDocumentExtractor {
    private final StructuredTextHandler handler;

    TextOnlyEmbeddedExtractor(ParseContext context, StructuredTextHandler handler) {
      super(context);
      this.handler = handler;
      setWriteFileNameToContent(false);
    }

    @Override
    public boolean shouldParseEmbedded(Metadata metadata) {
      String type = metadata.get(Metadata.CONTENT_TYPE);
      if (type != null && (type.startsWith("image/") || type.startsWith("audio/") || type.startsWith("video/"))) {
        return false;
      }
      String name = metadata.get(TikaCoreProperties.RESOURCE_NAME_KEY);
      // Embedded names come from the file's bytes: treat them as strings, never as paths.
      if (name != null && MEDIA_EXTENSIONS.contains(extension(name))) {
        return false;
      }
      return super.shouldParseEmbedded(metadata);
    }

    @Override
    public void parseEmbedded(InputStream stream, ContentHandler contentHandler, Metadata metadata,
        boolean outputHtml) throws SAXException, IOException {
      handler.enterEmbedded();
      try {
        super.parseEmbedded(stream, contentHandler, metadata, outputHtml);
      } finally {
        handler.exitEmbedded();
      }
    }

    private static final Set<String> MEDIA_EXTENSIONS = Set.of(
        "png", "jpg", "jpeg", "gif", "bmp", "tif", "tiff", "webp", "emf", "wmf", "svg", "ico",
        "jp2", "mp3", "wav", "ogg", "mp4", "mov", "avi");
  }

  /** Maps ISO 639-3 codes to ISO 639-1 where one exists, using the JDK's own tables. */
  private static final class IsoLanguages {
    private static final Map<String, String> THREE_TO_TWO = build();

    static String toTwoLetter(String code) {
      String c = code.toLowerCase(Locale.ROOT);
      int dash = c.indexOf('-'); // script variants such as "hin-rom" or "zho-simp"
      if (dash > 0) {
        c = c.substring(0, dash);
      }
      return THREE_TO_TWO.getOrDefault(c, c);
    }

    private static Map<String, String> build() {
      Map<String, String> map = new HashMap<>();
      for (String two : Locale.getISOLanguages()) {
        try {
          map.put(Locale.of(two).getISO3Language(), two);
        } catch (java.util.MissingResourceException ignored) {
          // no three-letter form known to this JDK
        }
      }
      return Map.copyOf(map);
    }
  }
}
