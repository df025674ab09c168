package io.sextant.services.index;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.util.BytesRef;

/**
 * What a search result shows of a chunk (id, path, title, text, page, position), kept per chunk as
 * one uncompressed binary doc value ({@link ChunkFields#HIT}), and read back for a page of hits.
 *
 * <p>Stored fields are compressed in blocks of tens of kilobytes shared by many chunks, and
 * reading one chunk decompresses a preset dictionary plus the 8 kB sub-block it sits in: about
 * 3-4 us per hit on this machine, so the 10 hits of a page cost as much as the HNSW search that
 * found them. A doc value is a slice of a memory-mapped file: reading one is a seek and a copy.
 * The price is size: the text is kept uncompressed (the stored copy of it is dropped, see
 * {@link ChunkDocuments}), roughly 1.5-2x its compressed size for English prose.
 *
 * <p>Segments written before this field existed have no record; their chunks are read from the
 * stored fields as before, so old indexes keep working without a rebuild.
 */
public final class HitRecords {

  /** Record layout version, the first byte of every record: a new layout gets a new number. */
  private static final byte VERSION = 1;

  /** The stored fields older segments hold the same values in. */
  private static final Set<String> STORED =
      Set.of(
          ChunkFields.CHUNK_ID, ChunkFields.PATH, ChunkFields.TITLE, ChunkFields.TEXT,
          ChunkFields.PAGE, ChunkFields.ORDINAL, ChunkFields.START, ChunkFields.END);

  private HitRecords() {}

  /** One chunk as a result shows it. */
  public record Hit(
      String chunkId, String path, String title, String text, int page, int ordinal, int start, int end) {
    public Hit {
      Objects.requireNonNull(chunkId, "chunkId");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(text, "text");
    }
  }

  /** The doc value field holding {@code c}'s record. */
  static BinaryDocValuesField field(IndexedChunk c) {
    return new BinaryDocValuesField(ChunkFields.HIT, encode(c));
  }

  static BytesRef encode(IndexedChunk c) {
    byte[][] strings = {
      utf8(c.chunkId()), utf8(c.path()), utf8(c.title()), utf8(c.text())
    };
    int size = 1 + 4 * 5;
    for (byte[] s : strings) {
      size += 5 + s.length;
    }
    byte[] out = new byte[size];
    int p = 0;
    out[p++] = VERSION;
    for (byte[] s : strings) {
      p = writeVInt(out, p, s.length);
      System.arraycopy(s, 0, out, p, s.length);
      p += s.length;
    }
    p = writeVInt(out, p, c.page());
    p = writeVInt(out, p, c.ordinal());
    p = writeVInt(out, p, c.start());
    p = writeVInt(out, p, c.end());
    return new BytesRef(out, 0, p);
  }

  /**
   * The hits of {@code docIds} (global ids of {@code reader}, any order), aligned with them.
   * Records are read in doc order, as doc values require.
   *
   * @throws IllegalStateException if a doc is not a chunk (no record and no stored id)
   */
  public static Hit[] read(IndexReader reader, int[] docIds) throws IOException {
    // (doc id, position) pairs in one long each: sorted without boxing, doc id first
    long[] order = new long[docIds.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = ((long) docIds[i] << 32) | i;
    }
    Arrays.sort(order);
    List<LeafReaderContext> leaves = reader.leaves();
    Hit[] out = new Hit[docIds.length];
    int leafIndex = -1;
    LeafReaderContext leaf = null;
    BinaryDocValues records = null;
    StoredFields stored = null;
    for (long o : order) {
      int i = (int) o;
      int doc = docIds[i];
      int li = ReaderUtil.subIndex(doc, leaves);
      if (li != leafIndex) {
        leafIndex = li;
        leaf = leaves.get(li);
        records = leaf.reader().getBinaryDocValues(ChunkFields.HIT);
        stored = null;
      }
      int local = doc - leaf.docBase;
      if (records != null && records.advanceExact(local)) {
        out[i] = decode(records.binaryValue());
      } else {
        if (stored == null) {
          stored = leaf.reader().storedFields();
        }
        out[i] = fromStored(stored.document(local, STORED), doc);
      }
    }
    return out;
  }

  static Hit decode(BytesRef r) {
    byte[] b = r.bytes;
    int[] pos = {r.offset};
    if (b[pos[0]++] != VERSION) {
      throw new IllegalStateException("unknown hit record version " + b[r.offset]);
    }
    String chunkId = readString(b, pos);
    String path = readString(b, pos);
    String title = readString(b, pos);
    String text = readString(b, pos);
    int page = readVInt(b, pos);
    int ordinal = readVInt(b, pos);
    int start = readVInt(b, pos);
    int end = readVInt(b, pos);
    return new Hit(chunkId, path, title, text, page, ordinal, start, end);
  }

  private static Hit fromStored(Document d, int doc) {
    String chunkId = d.get(ChunkFields.CHUNK_ID);
    if (chunkId == null) {
      throw new IllegalStateException("doc " + doc + " is not a chunk");
    }
    return new Hit(chunkId, orEmpty(d.get(ChunkFields.PATH)), orEmpty(d.get(ChunkFields.TITLE)),
        orEmpty(d.get(ChunkFields.TEXT)), intField(d, ChunkFields.PAGE), intField(d, ChunkFields.ORDINAL),
        intField(d, ChunkFields.START), intField(d, ChunkFields.END));
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static int intField(Document d, String name) {
    return d.getField(name).numericValue().intValue();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Writes {@code v} as a varint (a negative one takes 5 bytes); returns the new end. */
  private static int writeVInt(byte[] out, int p, int v) {
    while ((v & ~0x7F) != 0) {
      out[p++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out[p++] = (byte) v;
    return p;
  }

  private static int readVInt(byte[] b, int[] pos) {
    int p = pos[0];
    int v = 0;
    for (int shift = 0; ; shift += 7) {
      byte x = b[p++];
      v |= (x & 0x7F) << shift;
      if (x >= 0) {
        break;
      }
    }
    pos[0] = p;
    return v;
  }

  private static String readString(byte[] b, int[] pos) {
    int n = readVInt(b, pos);
    String s = new String(b, pos[0], n, StandardCharsets.UTF_8);
    pos[0] += n;
    return s;
  }
}
