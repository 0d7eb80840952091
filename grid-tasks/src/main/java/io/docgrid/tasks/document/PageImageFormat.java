package io.docgrid.tasks.document;

/**
 * How a page image is encoded. PNG keeps text and line art sharp; JPEG is for pages that were
 * photographs to begin with, where PNG would be several times larger for no visible gain
 * (docs/page-images.md has the measurement).
 */
public enum PageImageFormat {
  PNG("image/png", "png"),
  JPEG("image/jpeg", "jpeg");

  private final String mediaType;
  private final String imageIoName;

  PageImageFormat(String mediaType, String imageIoName) {
    this.mediaType = mediaType;
    this.imageIoName = imageIoName;
  }

  /** The Content-Type of an image in this format. */
  public String mediaType() {
    return mediaType;
  }

  /** The format name ImageIO's writers know it by. */
  String imageIoName() {
    return imageIoName;
  }

  /** JPEG for a photograph's pages (a JPEG document), PNG for everything else. */
  public static PageImageFormat forDocument(String documentMediaType) {
    return documentMediaType.equals("image/jpeg") ? JPEG : PNG;
  }
}
