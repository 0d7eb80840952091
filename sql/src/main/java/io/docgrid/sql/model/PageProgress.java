package io.docgrid.sql.model;

/**
 * How far a job is through its pages.
 *
 * @param total pages it will process, or null while not yet known
 * @param done pages finished
 * @param failed pages that could not be processed
 * @param ocr pages whose text came from OCR
 */
public record PageProgress(Integer total, int done, int failed, int ocr) {

  public static final PageProgress NONE = new PageProgress(null, 0, 0, 0);
}
