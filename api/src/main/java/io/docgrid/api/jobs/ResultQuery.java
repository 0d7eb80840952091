package io.docgrid.api.jobs;

import jakarta.validation.constraints.Pattern;

/** The parameters of {@code GET /api/v1/jobs/{id}/result}, as sent. */
record ResultQuery(
    @Pattern(
            regexp = "(?i)json|text|markdown|hocr|pdf",
            message = "must be one of json, text, markdown, hocr, pdf")
        String format) {

  ResultFormat resultFormat() {
    return ResultFormat.parse(format);
  }
}
