package io.sextant.services.index;

import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;

/** Turns an {@link IndexedChunk} into its Lucene document; the one place the layout is written. */
final class ChunkDocuments {

  private ChunkDocuments() {}

  static Document toDocument(IndexedChunk c) {
    Document doc = new Document();
    doc.add(new StringField(ChunkFields.CHUNK_ID, c.chunkId(), Field.Store.YES));
    doc.add(new StringField(ChunkFields.DOC_KEY, c.docKey(), Field.Store.YES));
    // Doc values let search group hundreds of candidates by document without decompressing
    // stored fields for each of them.
    doc.add(new SortedDocValuesField(ChunkFields.DOC_KEY, new BytesRef(c.docKey())));
    doc.add(new LongField(ChunkFields.FILE_ID, c.fileId(), Field.Store.YES));
    doc.add(new StoredField(ChunkFields.PATH, c.path()));
    doc.add(new StoredField(ChunkFields.TITLE, c.title()));
    doc.add(new StringField(ChunkFields.TYPE, c.fileType(), Field.Store.YES));
    doc.add(new StoredField(ChunkFields.FOLDER, c.folder()));
    for (String ancestor : ChunkFields.ancestorFolders(c.folder())) {
      doc.add(new StringField(ChunkFields.FOLDER_PATH, ancestor, Field.Store.NO));
    }
    doc.add(new LongField(ChunkFields.MODIFIED, c.modifiedMillis(), Field.Store.YES));
    doc.add(new LongField(ChunkFields.SIZE, c.sizeBytes(), Field.Store.YES));
    doc.add(new StoredField(ChunkFields.PAGE, c.page()));
    doc.add(new StoredField(ChunkFields.ORDINAL, c.ordinal()));
    doc.add(new StoredField(ChunkFields.START, c.start()));
    doc.add(new StoredField(ChunkFields.END, c.end()));
    // The text is indexed for BM25 but not stored: results read it, with the other fields they
    // show, from the chunk's hit record (a doc value), which costs no decompression (HitRecords).
    doc.add(new TextField(ChunkFields.TEXT, c.text(), Field.Store.NO));
    doc.add(HitRecords.field(c));
    for (Map.Entry<String, float[]> e : c.vectors().entrySet()) {
      // Vectors are unit length (IndexedChunk checks), so DOT_PRODUCT is cosine without the
      // per-comparison norms COSINE would compute.
      doc.add(
          new KnnFloatVectorField(
              ChunkFields.vectorField(e.getKey()), e.getValue(), VectorSimilarityFunction.DOT_PRODUCT));
    }
    return doc;
  }
}
