/**
 * Live folder watch: file-system notifications (with a periodic rescan as a fallback for file
 * systems that do not notify) turned into debounced, batched re-ingests of the affected sources.
 */
package io.sextant.services.watch;
