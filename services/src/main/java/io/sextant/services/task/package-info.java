/**
 * The one way background work runs: named executors ("lanes") for parsing, inference, indexing,
 * catalog I/O and search. The workbench adapts the returned futures to its UI thread; nothing in
 * here knows about any UI toolkit.
 */
package io.sextant.services.task;
