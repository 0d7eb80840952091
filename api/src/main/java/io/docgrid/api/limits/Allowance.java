package io.docgrid.api.limits;

/**
 * The state of one caller's bucket after a request asked it for tokens.
 *
 * @param limit tokens per window
 * @param windowSeconds the window's length
 * @param remaining tokens left now
 * @param resetSeconds seconds until the bucket is full again
 * @param retryAfterSeconds when refused, seconds until enough tokens are back; 0 when allowed
 */
public record Allowance(
    String policy,
    long limit,
    long windowSeconds,
    long remaining,
    long resetSeconds,
    boolean allowed,
    long retryAfterSeconds) {}
