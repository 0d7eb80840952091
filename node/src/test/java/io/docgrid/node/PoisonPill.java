package io.docgrid.node;

import io.docgrid.tasks.process.ExtractionProbe;
import io.docgrid.tasks.process.ProcessDocumentRequest;

/**
 * Makes one chosen document take its worker down, the way a document that crashes native code
 * would: the JVM halts the moment a grid job for it starts. Armed only in test processes started
 * with {@code -Ddocgrid.test.poison-sha256=<hash>}; it lives in the test classes, so no shipped
 * build can contain it.
 */
public final class PoisonPill implements ExtractionProbe {

  static final String PROPERTY = "docgrid.test.poison-sha256";

  private final String poisonSha256 = System.getProperty(PROPERTY);

  @Override
  public void beforeExtraction(ProcessDocumentRequest request) {
    if (poisonSha256 != null && poisonSha256.equals(request.documentSha256())) {
      Runtime.getRuntime().halt(137);
    }
  }
}
