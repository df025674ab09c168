/**
 * Read-only views of a workspace's catalog for the workbench: sources with their status counts,
 * the files that failed and why, a chunk in the context of its neighbours, the facets the search
 * filters offer, and the stored vector of a chunk for "find similar".
 *
 * <p>Everything here reads the catalog (the single source of truth about files); nothing writes.
 */
package io.sextant.services.browse;
