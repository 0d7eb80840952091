package io.docgrid.tasks.isolation;

import io.docgrid.tasks.document.DocumentProcessingException;
import java.io.Serializable;

/**
 * What a child answers: a value, the document's failure (safe to show to clients), or the class of
 * an unexpected error (whose message may hold paths, so it stays in the child's log).
 */
record ChildResponse(Serializable value, DocumentProcessingException failure, String error)
    implements Serializable {

  static ChildResponse of(Serializable value) {
    return new ChildResponse(value, null, null);
  }

  static ChildResponse failed(DocumentProcessingException failure) {
    return new ChildResponse(null, failure, null);
  }

  static ChildResponse crashed(Throwable error) {
    return new ChildResponse(null, null, error.getClass().getName());
  }
}
