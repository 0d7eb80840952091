package io.docgrid.tasks.blob;

/** The files a finished job keeps: its result, and renderings of it made on request. */
public enum ResultKind {
  /** The job's result as JSON: the source every format is rendered from. */
  JSON("json", "application/json"),
  /** The document as a searchable PDF, made the first time it is asked for. */
  SEARCHABLE_PDF("pdf", "application/pdf");

  private final String extension;
  private final String contentType;

  ResultKind(String extension, String contentType) {
    this.extension = extension;
    this.contentType = contentType;
  }

  /** The file name extension it is stored under. */
  public String extension() {
    return extension;
  }

  public String contentType() {
    return contentType;
  }
}
