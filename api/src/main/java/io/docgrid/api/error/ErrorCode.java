package io.docgrid.api.error;

/**
 * The stable error codes of the API: part of the contract, so codes are added, never renamed. Each
 * carries its HTTP status, a short title and whether retrying the same request can succeed.
 */
public enum ErrorCode {
  INVALID_REQUEST(400, "The request is malformed", false),
  VALIDATION_FAILED(400, "The request is invalid", false),
  EMPTY_FILE(400, "The uploaded file is empty", false),
  AUTHENTICATION_REQUIRED(401, "Authentication required", false),
  INVALID_CREDENTIALS(401, "The credentials are not valid", false),
  CREDENTIALS_EXPIRED(401, "The credentials have expired", false),
  CREDENTIALS_REVOKED(401, "The credentials have been revoked", false),
  INSUFFICIENT_SCOPE(403, "The credentials lack a required scope", false),
  NOT_FOUND(404, "Not found", false),
  DOCUMENT_NOT_STORED(404, "No stored document of yours has this SHA-256", false),
  PAGE_NOT_FOUND(404, "The document has no such page", false),
  METHOD_NOT_ALLOWED(405, "Method not allowed", false),
  JOB_NOT_FINISHED(409, "The job has not finished", true),
  JOB_FAILED(409, "The job failed and has no result", false),
  JOB_NOT_RETRYABLE(409, "Only a failed or cancelled job can be retried", false),
  KEY_REVOKED(409, "The key is revoked", false),
  IDEMPOTENCY_KEY_REUSED(409, "The Idempotency-Key was used for another request", false),
  IDEMPOTENCY_KEY_IN_USE(409, "A request with this Idempotency-Key is in progress", true),
  NOT_A_COMPUTE_NODE(409, "The node runs no document jobs", false),
  NOT_AN_EMBEDDED_DATABASE(409, "The node's database is not H2", false),
  WEBHOOK_DISABLED(409, "The webhook endpoint is disabled", false),
  UPLOAD_OFFSET_MISMATCH(409, "The upload stands at another offset", false),
  UPLOAD_IN_PROGRESS(409, "Another request is writing to the upload", true),
  UPLOAD_NOT_FINISHED(409, "The upload has not received all its bytes", false),
  UPLOAD_NOT_STAGED_HERE(409, "Another node holds the upload's bytes", false),
  RESULT_EXPIRED(410, "The result has been deleted", false),
  RESULT_MISSING(410, "The stored result is missing or does not match the job", false),
  UPLOAD_EXPIRED(410, "The upload has expired", false),
  TUS_VERSION_UNSUPPORTED(412, "The tus version is not supported", false),
  FILE_TOO_LARGE(413, "The upload is too large", false),
  URL_TOO_LARGE(413, "The document at the URL is too large", false),
  UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type", false),
  CHECKSUM_MISMATCH(460, "The chunk does not match its checksum", true),
  URL_REFUSED(422, "The URL is refused: it is not a public HTTP(S) address", false),
  UNKNOWN_WEBHOOK(422, "A named webhook endpoint is not one of yours", false),
  DOCUMENT_CORRUPT(422, "The document cannot be read", false),
  DOCUMENT_ENCRYPTED(422, "The document is encrypted", false),
  DOCUMENT_TOO_COMPLEX(422, "The document exceeds processing limits", false),
  TOO_MANY_PAGES(422, "The document has too many pages", false),
  IMAGE_TOO_LARGE(422, "The image has too many pixels", false),
  POISON_DOCUMENT(422, "The document is quarantined: it brought down workers", false),
  OCR_LANGUAGE_UNAVAILABLE(422, "No OCR model for a requested language", false),
  PAGE_IMAGE_UNAVAILABLE(422, "The document's type has no page images", false),
  RATE_LIMITED(429, "Too many requests", true),
  QUOTA_EXCEEDED(429, "The page quota is used up", true),
  CONCURRENCY_LIMIT(429, "Too many jobs at once", true),
  REQUEST_HEADERS_TOO_LARGE(431, "The request headers are too large", false),
  URL_FETCH_FAILED(502, "The document could not be fetched from the URL", true),
  URL_FETCH_TIMEOUT(504, "Fetching the document from the URL took too long", true),
  TOO_MANY_EVENT_STREAMS(503, "Too many event streams are open on this node", true),
  PROCESSING_TIMEOUT(504, "Processing took too long", true),
  SERVICE_UNAVAILABLE(503, "The service is unavailable", true),
  OVERLOADED(503, "Too many jobs are waiting", true),
  INTERNAL_ERROR(500, "Internal error", false),
  OPTIONS_UNREADABLE(500, "The job's stored options cannot be read", false);

  private final int status;
  private final String title;
  private final boolean retryable;

  ErrorCode(int status, String title, boolean retryable) {
    this.status = status;
    this.title = title;
    this.retryable = retryable;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public boolean retryable() {
    return retryable;
  }
}
