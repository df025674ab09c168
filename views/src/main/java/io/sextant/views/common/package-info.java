/**
 * What every screen shares: the {@link io.sextant.views.common.Backend} port through which views
 * reach the engine (always asynchronously), the hand-back of results to the FX thread, themes,
 * file-type icons and the persisted UI state.
 */
package io.sextant.views.common;
