package io.docgrid.api.jobs;

import io.docgrid.api.error.ApiException;
import io.docgrid.sql.model.JobCursor;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Optional;

/** The paging parameters of a list of jobs ({@code GET /api/v1/jobs}, a batch's), as sent. */
public record ListJobsQuery(
    @Pattern(regexp = "100|[1-9][0-9]?", message = "must be an integer from 1 to 100") String limit,
    @Size(max = 200)
        @Pattern(regexp = "[A-Za-z0-9_=-]*", message = "must be a nextCursor from a previous page")
        String cursor) {

  public static final int DEFAULT_PAGE_SIZE = 20;

  /** The page size asked for, or the default; call on a validated query. */
  public int pageSize() {
    return limit == null || limit.isEmpty() ? DEFAULT_PAGE_SIZE : Integer.parseInt(limit);
  }

  /** Where the page starts: after the cursor's job, or at the start. */
  public Optional<JobCursor> after() {
    if (cursor == null || cursor.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        JobCursor.decode(cursor)
            .orElseThrow(
                () ->
                    ApiException.invalidField(
                        "cursor", "must be a nextCursor from a previous page")));
  }
}
