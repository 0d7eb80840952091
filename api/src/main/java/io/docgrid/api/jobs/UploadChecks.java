package io.docgrid.api.jobs;

import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.ErrorCode;
import io.docgrid.sql.QuarantineRepository;
import io.docgrid.tasks.document.DocumentTypeDetector;
import java.io.IOException;

/** What an upload must pass before it becomes a job: a supported type, and no quarantine. */
public final class UploadChecks {

  private final DocumentTypeDetector detector;
  private final QuarantineRepository quarantine;

  public UploadChecks(DocumentTypeDetector detector, QuarantineRepository quarantine) {
    this.detector = detector;
    this.quarantine = quarantine;
  }

  /**
   * The upload's type from its magic bytes, never from parsing it: a zip or OLE2 package is taken
   * as the supported type its name claims, and its first look on a compute node tells for sure.
   */
  String supportedTypeOf(ReceivedUpload upload) throws IOException {
    String mediaType = detector.detectFromMagic(upload.file());
    if (!detector.mayBeSupported(mediaType, upload.fileName())) {
      throw new ApiException(
          ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "Content of type "
              + mediaType
              + " is not supported. Send a PDF, an office document,"
              + " HTML or text.");
    }
    if (!detector.isConsistent(mediaType, upload.fileName())) {
      throw new ApiException(
          ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "The file name '"
              + upload.fileName()
              + "' does not match its content ("
              + mediaType
              + "). Rename the file or send the right one.");
    }
    return mediaType;
  }

  void refuseIfQuarantined(String sha256) {
    quarantine
        .find(sha256)
        .ifPresent(
            poison -> {
              throw new ApiException(
                  ErrorCode.POISON_DOCUMENT,
                  "This document is quarantined since "
                      + poison.quarantinedAt()
                      + ": "
                      + poison.reason());
            });
  }
}
