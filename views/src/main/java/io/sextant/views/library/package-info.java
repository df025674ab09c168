/**
 * The Library pane: sources and their status, ingest progress with cancel, and the files that
 * failed with their reasons.
 */
package io.sextant.views.library;
