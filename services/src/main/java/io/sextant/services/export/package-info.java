/**
 * Export of result lists (CSV, JSON) and evaluation tables (CSV), for spreadsheets and scripts.
 * The CLI's {@code --json} outputs stay the machine-readable form of single commands.
 */
package io.sextant.services.export;
