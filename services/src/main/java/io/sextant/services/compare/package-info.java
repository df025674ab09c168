/**
 * How much two retrieval setups agree: on one query's ranked lists ({@link
 * io.sextant.services.compare.RankedListMetrics}) and over the whole corpus, by the nearest
 * neighbours two models give each passage ({@link io.sextant.services.compare.NeighbourAgreement}).
 */
package io.sextant.services.compare;
