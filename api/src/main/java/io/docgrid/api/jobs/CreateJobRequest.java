package io.docgrid.api.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * The JSON body of {@code POST /api/v1/jobs}, for a document the server has already or fetches: a
 * finished resumable upload, bytes this tenant uploaded before, named by their SHA-256, or a URL.
 * Exactly one of them; see {@link DocumentSource}.
 *
 * @param upload the upload's URL (its Location) or id
 * @param url an http(s) URL to fetch the document from
 * @param headers sent with the fetch of {@code url} (to its origin only), e.g. Authorization; never
 *     stored, logged or shown
 * @param fileName the document's name; defaults to the upload's, or to the stored document's last
 * @param options the processing options, as in the multipart {@code options} part
 */
public record CreateJobRequest(
    @Size(max = 2048) String upload,
    @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be 64 hexadecimal digits") String sha256,
    @Size(max = 2048) String url,
    @Size(max = 32)
        Map<
                @Pattern(
                    regexp = "[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}",
                    message = "must be an HTTP header name")
                String,
                @Size(max = 8192) String>
            headers,
    @Size(max = 255) String fileName,
    JsonNode options) {}
