package io.docgrid.api.keys;

import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * The body of {@code POST /api/v1/keys}. Tier defaults to STANDARD and scopes to jobs:read and
 * jobs:write; the owner (a tenant name) defaults to the creating caller.
 */
public record CreateKeyRequest(
    @NotBlank @Size(max = 100) @Pattern(regexp = KeyRules.NAME, message = KeyRules.NAME_RULE)
        String name,
    @Pattern(
            regexp = "FREE|STANDARD|OAUTH|ENTERPRISE",
            message = "must be FREE, STANDARD, OAUTH or ENTERPRISE")
        String tier,
    @Size(min = 1, max = 3)
        List<
                @NotNull
                @Pattern(
                    regexp = "jobs:write|jobs:read|admin",
                    message = "must be jobs:write, jobs:read or admin")
                String>
            scopes,
    @Future Instant expiresAt,
    @Size(max = 200) @Pattern(regexp = KeyRules.NAME, message = KeyRules.NAME_RULE) String owner) {}
