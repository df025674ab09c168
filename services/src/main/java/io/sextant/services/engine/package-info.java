/**
 * The engine facade over one open workspace: catalog, index, loaded models, ingest and search.
 * The CLI and the workbench both drive Sextant through it, so they cannot drift apart.
 */
package io.sextant.services.engine;
