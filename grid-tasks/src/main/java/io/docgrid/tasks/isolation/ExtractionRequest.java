package io.docgrid.tasks.isolation;

import io.docgrid.tasks.document.ProcessingOptions;
import java.io.Serializable;

/** What the parent asks a child process to extract. */
record ExtractionRequest(
    String file, String mediaType, ProcessingOptions options, long documentMillis, long pageMillis)
    implements Serializable {}
