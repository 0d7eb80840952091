package io.docgrid.api.error;

import io.docgrid.tasks.document.DocumentErrorCode;
import io.javalin.http.HttpResponseException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientException;
import java.util.Locale;

/**
 * The only place where a failure becomes an HTTP answer. Pure: the same throwable always maps to
 * the same problem, and nothing but our own client-safe messages reaches the body.
 */
public final class ErrorMapper {

  private ErrorMapper() {}

  public static Problem map(Throwable failure, String path, String requestId) {
    Mapped mapped = classify(failure);
    ErrorCode code = mapped.code();
    return new Problem(
        Problem.TYPE_BASE + code.name().toLowerCase(Locale.ROOT).replace('_', '-'),
        code.title(),
        code.status(),
        mapped.detail(),
        path,
        code.name(),
        requestId,
        code.retryable(),
        failure instanceof ApiException api ? api.violations() : java.util.List.of());
  }

  public static ErrorCode codeOf(DocumentErrorCode documentError) {
    return switch (documentError) {
      case DOCUMENT_CORRUPT -> ErrorCode.DOCUMENT_CORRUPT;
      case DOCUMENT_ENCRYPTED -> ErrorCode.DOCUMENT_ENCRYPTED;
      case UNSUPPORTED_MEDIA_TYPE -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
      case DOCUMENT_TOO_COMPLEX -> ErrorCode.DOCUMENT_TOO_COMPLEX;
      case TOO_MANY_PAGES -> ErrorCode.TOO_MANY_PAGES;
      case IMAGE_TOO_LARGE -> ErrorCode.IMAGE_TOO_LARGE;
      case OCR_LANGUAGE_UNAVAILABLE -> ErrorCode.OCR_LANGUAGE_UNAVAILABLE;
      case PROCESSING_FAILED -> ErrorCode.INTERNAL_ERROR;
      case PROCESSING_TIMEOUT -> ErrorCode.PROCESSING_TIMEOUT;
      case POISON_DOCUMENT -> ErrorCode.POISON_DOCUMENT;
      case PAGE_NOT_FOUND -> ErrorCode.PAGE_NOT_FOUND;
    };
  }

  private record Mapped(ErrorCode code, String detail) {}

  private static Mapped classify(Throwable failure) {
    if (failure instanceof ApiException api) {
      return new Mapped(api.code(), api.getMessage());
    }
    if (failure instanceof HttpResponseException http) {
      // Javalin's own responses (e.g. from its validators) carry messages it wrote for clients.
      return new Mapped(codeForStatus(http.getStatus()), genericDetail(http.getStatus()));
    }
    if (isDatabaseUnavailable(failure)) {
      // An outage or a failover, not a fault of the request: the same request succeeds once the
      // pool reconnects, so clients are told to retry rather than shown an internal error.
      return new Mapped(
          ErrorCode.SERVICE_UNAVAILABLE,
          "The database cannot be reached right now; retry shortly.");
    }
    return new Mapped(
        ErrorCode.INTERNAL_ERROR,
        "An unexpected error occurred. Quote the request id when reporting it.");
  }

  /**
   * Whether a failure, or any of its causes, is the database being unreachable: no connection
   * within the pool's timeout, a connection lost, the server shutting down or refusing connections,
   * or a standby that cannot take writes while a failover promotes another server.
   */
  static boolean isDatabaseUnavailable(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLTransientException
          || cause instanceof SQLNonTransientConnectionException) {
        return true;
      }
      if (cause instanceof SQLException sql && isUnavailableState(sql.getSQLState())) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  private static boolean isUnavailableState(String sqlState) {
    if (sqlState == null) {
      return false;
    }
    // 08: connection exceptions; 57P01-57P03: admin shutdown, crash shutdown, cannot connect now;
    // 25006: read-only transaction, what a demoted primary or a standby answers to a write.
    return sqlState.startsWith("08") || sqlState.startsWith("57P") || sqlState.equals("25006");
  }

  public static ErrorCode codeForStatus(int status) {
    return switch (status) {
      case 400 -> ErrorCode.INVALID_REQUEST;
      case 401 -> ErrorCode.AUTHENTICATION_REQUIRED;
      case 403 -> ErrorCode.INSUFFICIENT_SCOPE;
      case 404 -> ErrorCode.NOT_FOUND;
      case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
      case 413 -> ErrorCode.FILE_TOO_LARGE;
      case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
      case 429 -> ErrorCode.RATE_LIMITED;
      case 431 -> ErrorCode.REQUEST_HEADERS_TOO_LARGE;
      case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
      default -> status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.INVALID_REQUEST;
    };
  }

  private static String genericDetail(int status) {
    return switch (status) {
      case 404 -> "No such resource. See /api/v1/docs for the API.";
      case 405 -> "This method is not allowed on this resource.";
      default -> "The request could not be processed (HTTP " + status + ").";
    };
  }
}
