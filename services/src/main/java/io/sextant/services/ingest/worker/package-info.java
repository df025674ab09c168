/**
 * Parser isolation: files are parsed in a separate, small JVM ({@link
 * io.sextant.services.ingest.worker.ParserWorker}) with a per-file time limit and a heap bound, so
 * a file that hangs Tika, exhausts memory or crashes a native library costs that one file, never
 * the ingest run. {@link io.sextant.services.ingest.worker.IsolatedParser} owns the worker
 * processes and restarts them.
 */
package io.sextant.services.ingest.worker;
