package io.docgrid.api.jobs;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** The parameters of {@code GET /api/v1/jobs/{id}/pages/{page}/image}, as sent. */
record PageImageQuery(
    @NotNull
        @Pattern(regexp = "[1-9][0-9]{0,5}", message = "must be a page number from 1 to 999999")
        String page,
    @Pattern(
            regexp = "[1-9][0-9]{2}|1[0-9]{3}|2000",
            message = "must be an integer from " + MIN_WIDTH + " to " + MAX_WIDTH)
        String width) {

  static final int MIN_WIDTH = 100;
  static final int MAX_WIDTH = 2000;
  static final int DEFAULT_WIDTH = 1000;

  /** The page, 1-based; call on a validated query. */
  int pageNumber() {
    return Integer.parseInt(page);
  }

  /** The width asked for, or the default; call on a validated query. */
  int pixelsWide() {
    return width == null ? DEFAULT_WIDTH : Integer.parseInt(width);
  }
}
