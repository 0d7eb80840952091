/** Text recognition with Tesseract: the bundled models on disk, the engine, and its results. */
package io.docgrid.tasks.ocr;
