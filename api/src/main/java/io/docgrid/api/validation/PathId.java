package io.docgrid.api.validation;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.UUID;

/** The {@code id} in a resource's path: a UUID, so that one resource has one URL. */
public record PathId(
    @NotNull
        @Pattern(
            regexp = "(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
            message = "must be a UUID such as 3f2b6c1e-8d4a-4e0b-9c57-1a2b3c4d5e6f")
        String id) {

  /** The id, once {@link RequestValidator#valid} has checked it. */
  public UUID uuid() {
    return UUID.fromString(id);
  }
}
