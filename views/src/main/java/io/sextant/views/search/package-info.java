/**
 * The Search pane: search as you type, mode and model pickers, filters, and the result list with
 * highlighted snippets and score bars. The request building and result formatting live in plain
 * classes ({@link io.sextant.views.search.SearchForm}, {@link io.sextant.views.common.ScoreFormat})
 * that tests exercise without a display.
 */
package io.sextant.views.search;
