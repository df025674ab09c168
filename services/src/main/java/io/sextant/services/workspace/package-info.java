/**
 * Where a workspace lives on disk (catalog, index, caches), the platform's data directories and
 * the lock that keeps two processes from writing one workspace.
 */
package io.sextant.services.workspace;
