/**
 * Starts the workbench window and connects it to the engine: the {@link
 * io.sextant.views.common.Backend} over the engine and task runner, the desktop integration
 * (open, show in folder) and the settings file that keeps window state between runs.
 */
package io.sextant.app.gui;
