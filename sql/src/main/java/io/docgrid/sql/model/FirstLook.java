package io.docgrid.sql.model;

import java.util.Objects;

/**
 * What a job's first look at its document found, as the job row keeps it: read once, behind the
 * isolation boundary, and reused by planning and dispatch.
 *
 * @param mediaType the type its content shows, refined from what magic bytes told at submission
 * @param pageCount the pages of the whole document
 * @param selectedPages the pages the job processes
 * @param encrypted whether the document was password-protected
 */
public record FirstLook(String mediaType, int pageCount, int selectedPages, boolean encrypted) {

  public FirstLook {
    Objects.requireNonNull(mediaType, "mediaType");
  }
}
