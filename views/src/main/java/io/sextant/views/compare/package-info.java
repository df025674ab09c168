/**
 * The Compare screen: one query against two or three setups (model x mode) side by side, items
 * found by several setups linked, unique hits marked, and agreement figures per pair (overlap@k,
 * Jaccard, rank-biased overlap, Kendall tau on shared items) with each setup's latency.
 */
package io.sextant.views.compare;
