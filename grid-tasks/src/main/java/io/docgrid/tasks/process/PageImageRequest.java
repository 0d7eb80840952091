package io.docgrid.tasks.process;

import io.docgrid.tasks.document.PageImageFormat;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/**
 * What a compute node needs to draw one page of a job's stored document as an image.
 *
 * @param page the page, 1-based
 * @param width the image's width in pixels; its height follows the page's proportions
 * @param tenant the job's owner, for the compute node's log lines
 */
public record PageImageRequest(
    UUID jobId,
    String documentSha256,
    String mediaType,
    int page,
    int width,
    PageImageFormat format,
    String requestId,
    String tenant)
    implements Serializable {

  public PageImageRequest {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(documentSha256, "documentSha256");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(format, "format");
    if (page < 1 || width < 1) {
      throw new IllegalArgumentException("pages count from 1 and images are at least a pixel wide");
    }
  }
}
