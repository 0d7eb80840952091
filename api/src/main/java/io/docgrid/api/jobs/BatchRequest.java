package io.docgrid.api.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.openapi.OpenApiName;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * The JSON body of {@code POST /api/v1/batches}: documents named as a job's JSON body names one,
 * each becoming a job with the batch's {@code options}.
 */
public record BatchRequest(@NotEmpty List<@Valid Item> items, JsonNode options) {

  /**
   * One document: exactly one of {@code url}, {@code upload} and {@code sha256}, as in {@link
   * CreateJobRequest}.
   */
  @OpenApiName("BatchRequestItem")
  public record Item(
      @Size(max = 2048) String url,
      @Size(max = 32)
          Map<
                  @Pattern(
                      regexp = "[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}",
                      message = "must be an HTTP header name")
                  String,
                  @Size(max = 8192) String>
              headers,
      @Size(max = 2048) String upload,
      @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be 64 hexadecimal digits") String sha256,
      @Size(max = 255) String fileName) {

    CreateJobRequest asJobRequest(JsonNode options) {
      return new CreateJobRequest(upload, sha256, url, headers, fileName, options);
    }
  }
}
