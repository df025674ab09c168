/**
 * Native libraries that ship inside jars (SQLite's JDBC driver, ONNX Runtime), extracted once
 * into the user's data folder instead of into the temp folder at every start.
 */
package io.sextant.services.natives;
