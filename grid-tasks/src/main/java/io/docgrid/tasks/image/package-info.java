/** Raster images as the pipeline's stages see them. */
package io.docgrid.tasks.image;
