package io.docgrid.tasks.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DocumentProcessingExceptionTest {

  @Test
  void crosses_nodes_with_its_code_and_message_even_when_the_cause_would_not_serialise()
      throws Exception {
    DocumentProcessingException original =
        new DocumentProcessingException(
            DocumentErrorCode.DOCUMENT_CORRUPT,
            "The PDF could not be read.",
            new ParserFailure("Page tree root must be a dictionary"));

    DocumentProcessingException copy = roundTrip(original);

    assertThat(copy.code()).isEqualTo(DocumentErrorCode.DOCUMENT_CORRUPT);
    assertThat(copy.getMessage()).isEqualTo("The PDF could not be read.");
    assertThat(copy.getCause()).isNull();
    assertThat(copy.causeSummary())
        .contains(ParserFailure.class.getName() + ": Page tree root must be a dictionary");
  }

  @Test
  void keeps_no_suppressed_exceptions_that_could_break_serialisation() {
    DocumentProcessingException failure =
        new DocumentProcessingException(DocumentErrorCode.DOCUMENT_ENCRYPTED, "Encrypted.");

    failure.addSuppressed(new ParserFailure("closing failed"));

    assertThat(failure.getSuppressed()).isEmpty();
    assertThat(failure.causeSummary()).isEmpty();
  }

  @Test
  void extracted_documents_cross_nodes_too_and_cannot_be_changed() throws Exception {
    ExtractedDocument original =
        new ExtractedDocument(
            "application/pdf",
            1,
            Map.of("title", "Annual report"),
            List.of(new PageText(1, "Hello", PageText.TEXT_LAYER)));

    ExtractedDocument copy = roundTrip(original);

    assertThat(copy).isEqualTo(original);
    assertThat(copy.metadata()).isUnmodifiable();
    assertThat(copy.pages()).isUnmodifiable();
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }

  /** Like many parser exceptions, it holds something that cannot be serialised. */
  private static final class ParserFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings({"unused", "serial"})
    private final Object openDocument = new Object();

    ParserFailure(String message) {
      super(message);
    }
  }
}
