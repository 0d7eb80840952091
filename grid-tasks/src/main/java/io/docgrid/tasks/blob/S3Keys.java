package io.docgrid.tasks.blob;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Where documents and results lie in the bucket: {@link LocalBlobStore}'s layout under an optional
 * prefix, {@code <prefix>/documents/ab/cd/<sha256>} and {@code <prefix>/results/<job id>.json},
 * with its parts under {@code <prefix>/results/<job id>.parts/}.
 */
final class S3Keys {

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private final String prefix;

  /**
   * @param prefix without leading or trailing slashes; empty for none
   */
  S3Keys(String prefix) {
    this.prefix = prefix;
  }

  String document(String sha256) {
    if (!SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException("not a lower-case hex SHA-256: " + sha256);
    }
    return key("documents/" + sha256.substring(0, 2) + "/" + sha256.substring(2, 4) + "/" + sha256);
  }

  String result(UUID jobId) {
    return result(jobId, ResultKind.JSON);
  }

  String result(UUID jobId, ResultKind kind) {
    return key("results/" + jobId + "." + kind.extension());
  }

  /** The common prefix of a job's result parts, ending in a slash. */
  String resultParts(UUID jobId) {
    return key("results/" + jobId + ".parts/");
  }

  String resultPart(UUID jobId, int part) {
    if (part < 0) {
      throw new IllegalArgumentException("a result part is numbered from 0, got " + part);
    }
    return resultParts(jobId) + part + ".json";
  }

  private String key(String path) {
    return prefix.isEmpty() ? path : prefix + "/" + path;
  }
}
