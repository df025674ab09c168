/**
 * The command-line interface (picocli). Commands parse options, call the same services the
 * workbench uses, and print human text or the JSON documented in README.md. Option and JSON key
 * names are a contract: acceptance scripts call them.
 */
package io.sextant.app.cli;
