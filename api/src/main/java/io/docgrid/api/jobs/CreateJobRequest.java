package io.docgrid.api.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The JSON body of {@code POST /api/v1/jobs}, for a document the server has already: a finished
 * resumable upload, or bytes this tenant uploaded before, named by their SHA-256. Exactly one of
 * them; see {@link DocumentSource}.
 *
 * @param upload the upload's URL (its Location) or id
 * @param fileName the document's name; defaults to the upload's, or to the stored document's last
 * @param options the processing options, as in the multipart {@code options} part
 */
public record CreateJobRequest(
    @Size(max = 2048) String upload,
    @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be 64 hexadecimal digits") String sha256,
    @Size(max = 255) String fileName,
    JsonNode options) {}
