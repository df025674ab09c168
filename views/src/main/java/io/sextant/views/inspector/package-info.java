/**
 * The Inspector pane: the selected passage in the context of its neighbours, the file's metadata,
 * the score breakdown, and the actions open, show in folder and find similar.
 */
package io.sextant.views.inspector;
