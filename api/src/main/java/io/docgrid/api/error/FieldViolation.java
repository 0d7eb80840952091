package io.docgrid.api.error;

/** One field of a request and the rule it broke. */
public record FieldViolation(String field, String message) {}
