package io.docgrid.api.jobs;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The {@code Idempotency-Key} header, as sent. */
record IdempotencyKeyHeader(
    @Size(min = 1, max = 255, message = "must be 1 to 255 characters")
        @Pattern(regexp = "[\\x21-\\x7e]*", message = "must be visible ASCII characters")
        String idempotencyKey) {}
