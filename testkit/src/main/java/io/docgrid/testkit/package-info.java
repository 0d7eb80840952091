/**
 * What the tests of every module share: the corpus of real documents, synthetic page images, an S3
 * server in the JVM, small local grid nodes, fresh PostgreSQL schemas, free ports, the character
 * error rate of OCR, and bounded waits for a condition. Used as a test dependency only.
 */
package io.docgrid.testkit;
