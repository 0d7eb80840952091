/**
 * Page-image preprocessing before OCR (skew estimation, rotation, Sauvola binarisation), specified
 * bit-exactly so that the CPU and CUDA backends agree.
 */
package io.docgrid.tasks.preprocess;
