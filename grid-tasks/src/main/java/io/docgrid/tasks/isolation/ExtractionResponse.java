package io.docgrid.tasks.isolation;

import io.docgrid.tasks.document.DocumentProcessingException;
import io.docgrid.tasks.document.ExtractedDocument;
import java.io.Serializable;

/** What a child process answers: the document, or why it could not be read. */
record ExtractionResponse(
    ExtractedDocument document, DocumentProcessingException failure, String error)
    implements Serializable {}
