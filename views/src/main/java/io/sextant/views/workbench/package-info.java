/**
 * The workbench window: Library | Search | Inspector side by side, a toolbar, a status bar,
 * window-wide drag and drop of folders and files, keyboard shortcuts, the theme switch, and the
 * window state that persists between runs.
 */
package io.sextant.views.workbench;
