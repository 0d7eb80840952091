/** Text recognition with PaddleOCR's PP-OCRv4 models on ONNX Runtime, in Java. */
package io.docgrid.tasks.ocr.paddle;
