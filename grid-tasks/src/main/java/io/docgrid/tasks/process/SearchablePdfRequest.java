package io.docgrid.tasks.process;

import io.docgrid.tasks.output.OcrLayer;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What a compute node needs to make a job's searchable PDF: the stored document, what it is, and
 * the OCR layers to lay over its pages. The PDF is stored with the job's results.
 *
 * @param imageDpi the resolution an image's frames are laid out at where no layer says otherwise
 * @param tenant the job's owner, for the compute node's log lines; null from API nodes before wire
 *     version 3
 */
public record SearchablePdfRequest(
    UUID jobId,
    String documentSha256,
    String mediaType,
    List<OcrLayer> layers,
    int imageDpi,
    String requestId,
    String tenant)
    implements Serializable {

  public SearchablePdfRequest {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(documentSha256, "documentSha256");
    Objects.requireNonNull(mediaType, "mediaType");
    layers = List.copyOf(layers);
  }
}
