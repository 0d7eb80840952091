package io.docgrid.api.jobs;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The parameters of {@code GET /api/v1/jobs}, as sent. */
record ListJobsQuery(
    @Pattern(regexp = "100|[1-9][0-9]?", message = "must be an integer from 1 to 100") String limit,
    @Size(max = 200)
        @Pattern(regexp = "[A-Za-z0-9_=-]*", message = "must be a nextCursor from a previous page")
        String cursor) {}
