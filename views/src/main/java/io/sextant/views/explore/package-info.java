/**
 * The Explore screen: a 2-D map of a model's embedding space (PCA or UMAP), coloured by cluster,
 * file type or folder, with pan, zoom, hover, click-to-inspect, lasso selection, PNG export and
 * the current query drawn on top. Points are rasterised straight into a pixel buffer
 * ({@link io.sextant.views.explore.PointRaster}) so 100,000 of them pan smoothly; hover and lasso
 * use a grid ({@link io.sextant.services.explore.PointGrid}) instead of scanning every point.
 */
package io.sextant.views.explore;
