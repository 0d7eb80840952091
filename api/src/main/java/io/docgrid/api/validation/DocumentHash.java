package io.docgrid.api.validation;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.Locale;

/** A document's SHA-256 in a path: 64 hexadecimal digits, the way jobs report it. */
public record DocumentHash(
    @NotNull
        @Pattern(
            regexp = "[0-9a-fA-F]{64}",
            message = "must be a SHA-256 of 64 hexadecimal digits, as a job's document.sha256")
        String sha256) {

  /** The hash in lower case, once {@link RequestValidator#valid} has checked it. */
  public String normalized() {
    return sha256.toLowerCase(Locale.ROOT);
  }
}
