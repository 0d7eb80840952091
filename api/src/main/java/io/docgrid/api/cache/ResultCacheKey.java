package io.docgrid.api.cache;

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

  private final String sha256;
  private final String options;
  private final String pipelineVersion;

  public ResultCacheKey(String sha256, String options, String pipelineVersion) {
    this.sha256 = Objects.requireNonNull(sha256, "sha256");
    this.options = Objects.requireNonNull(options, "options");
    this.pipelineVersion = Objects.requireNonNull(pipelineVersion, "pipelineVersion");
  }

  /** The key of a job with these options, processed by this build's pipeline. */
  public static ResultCacheKey of(String sha256, String canonicalOptions) {
    return new ResultCacheKey(sha256, canonicalOptions, ComponentVersions.PIPELINE_VERSION);
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
