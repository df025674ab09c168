/**
 * Maps of a model's embedding space: the vectors of a workspace ({@link
 * io.sextant.services.explore.VectorSet}), 2-D projections ({@link io.sextant.services.explore.Pca},
 * {@link io.sextant.services.explore.Umap}), clusterings of the map ({@link
 * io.sextant.services.explore.KMeans}, {@link io.sextant.services.explore.Hdbscan}) with labels from
 * their members' words ({@link io.sextant.services.explore.ClusterLabeler}), and a cache of
 * computed maps per model, corpus and settings ({@link io.sextant.services.explore.ProjectionCache}).
 * Nothing here touches JavaFX.
 */
package io.sextant.services.explore;
