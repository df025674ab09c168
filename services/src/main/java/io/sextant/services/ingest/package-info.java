/**
 * Getting text out of files: finding them ({@link io.sextant.services.ingest.FileWalker}),
 * parsing them with Apache Tika into text that keeps paragraphs, headings and pages
 * ({@link io.sextant.services.ingest.DocumentParser}, {@link io.sextant.services.ingest.ParsedDocument}),
 * and cutting that text into token-sized, overlapping {@link io.sextant.services.ingest.Chunk}s
 * ({@link io.sextant.services.ingest.Chunker}).
 *
 * <p>Everything here works on one file at a time and holds no shared mutable state, so callers
 * may parse and chunk on as many threads as they like.
 */
package io.sextant.services.ingest;
