package io.docgrid.api.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docgrid.tasks.pipeline.ComponentVersions;
import java.io.Serializable;
import java.util.Objects;

/**
 * What makes two jobs' results the same: the document's bytes, the options in canonical form and
 * the pipeline that processes them. A plain class, not a record: Ignite's binary marshaller cannot
 * build records, and keys are stored in Ignite.
 */
public final class ResultCacheKey implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final String DELIVERY_OPTION = "webhooks";

  // Sorted keys, as the canonical form is written: equal options stay equal strings.
  private static final ObjectMapper CANONICAL =
      JsonMapper.builder().enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();

  private final String sha256;
  private final String options;
  private final String pipelineVersion;

  public ResultCacheKey(String sha256, String options, String pipelineVersion) {
    this.sha256 = Objects.requireNonNull(sha256, "sha256");
    this.options = Objects.requireNonNull(options, "options");
    this.pipelineVersion = Objects.requireNonNull(pipelineVersion, "pipelineVersion");
  }

  /**
   * The key of a job with these options, processed by this build's pipeline and OCR models. Options
   * that only say where to tell of the result ({@code webhooks}) do not change it, so they are left
   * out.
   */
  public static ResultCacheKey of(String sha256, String canonicalOptions) {
    String options = processingOptions(canonicalOptions);
    // Options without ocrEngine read with Tesseract; the others depend on PaddleOCR's models too.
    String pipeline =
        options.contains("\"ocrEngine\"")
            ? ComponentVersions.PIPELINE_VERSION + "+paddleocr/" + ComponentVersions.PADDLE_MODELS
            : ComponentVersions.PIPELINE_VERSION;
    return new ResultCacheKey(sha256, options, pipeline);
  }

  /** The canonical options without the delivery ones; unreadable options are kept as they are. */
  static String processingOptions(String canonical) {
    if (!canonical.contains("\"" + DELIVERY_OPTION + "\"")) {
      return canonical;
    }
    try {
      JsonNode options = CANONICAL.readTree(canonical);
      if (options instanceof ObjectNode fields) {
        fields.remove(DELIVERY_OPTION);
        return CANONICAL.writeValueAsString(fields);
      }
      return canonical;
    } catch (JsonProcessingException e) {
      return canonical;
    }
  }

  public String sha256() {
    return sha256;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ResultCacheKey key
        && sha256.equals(key.sha256)
        && options.equals(key.options)
        && pipelineVersion.equals(key.pipelineVersion);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sha256, options, pipelineVersion);
  }

  @Override
  public String toString() {
    return "ResultCacheKey[" + sha256 + ", " + options + ", pipeline " + pipelineVersion + "]";
  }
}
