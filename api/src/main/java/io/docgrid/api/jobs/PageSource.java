package io.docgrid.api.jobs;

import io.docgrid.api.jobs.JobResponses.ResultPage;
import java.io.IOException;

/**
 * A result's pages, handed over one at a time in page order from wherever they are kept (the parts
 * of a job's ranges, a stored result, a cache entry), so that no more than one page of a document
 * need be in memory at once.
 */
@FunctionalInterface
public interface PageSource {

  /** Hands each page to {@code visitor} in page order; a source may be read more than once. */
  void forEach(PageVisitor visitor) throws IOException;

  /** Takes one page; it should not keep it. */
  @FunctionalInterface
  interface PageVisitor {
    void visit(ResultPage page) throws IOException;
  }
}
