package io.sextant.services.index;

/** How Lucene stores vectors in the HNSW graph; quantised encodings trade recall for memory. */
public enum VectorEncoding {
  FLOAT32,
  INT8,
  INT4,
  BINARY
}
