package io.sextant.services.ingest;

import java.io.InputStream;
import java.util.Set;
import org.apache.tika.exception.TikaException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.xml.sax.ContentHandler;

/**
 * Tika's fallback for media types no parser claims: fails with the detected type instead of
 * returning an empty document, so the user learns why a file has no text.
 */
final class UnsupportedFormatParser implements Parser {

  /** Signals that no parser exists; the message is the detected media type. */
  static final class NoParserException extends TikaException {
    NoParserException(String mediaType) {
      super(mediaType);
    }
  }

  @Override
  public Set<MediaType> getSupportedTypes(ParseContext context) {
    return Set.of();
  }

  @Override
  public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context)
      throws TikaException {
    String type = metadata.get(Metadata.CONTENT_TYPE);
    throw new NoParserException(type == null ? "application/octet-stream" : type);
  }
}
