package io.docgrid.tasks.document;

import java.util.Objects;

/**
 * What opening a document tells about it: its type as its content shows it, how many pages it has
 * and how many of them the options select, and whether it was encrypted. Learned once, by the
 * extraction that first opens the document, and kept with the job.
 *
 * @param mediaType the type, refined from what magic bytes alone could tell (a zip is a DOCX)
 * @param pageCount the pages of the whole document (1 for formats without pages)
 * @param selectedPages the pages the options select, the ones processed and charged
 * @param encrypted whether the document was protected by a password (and opened with it)
 * @param pagesToOcr how many selected pages the options would have OCRed, where a dry run counted
 *     them ({@link ExtractionScope#countOnly}); null when not counted
 */
public record DocumentFacts(
    String mediaType, int pageCount, int selectedPages, boolean encrypted, Integer pagesToOcr)
    implements ExtractionResult {

  public DocumentFacts(String mediaType, int pageCount, int selectedPages, boolean encrypted) {
    this(mediaType, pageCount, selectedPages, encrypted, null);
  }

  public DocumentFacts {
    Objects.requireNonNull(mediaType, "mediaType");
    if (pageCount < 0 || selectedPages < 0) {
      throw new IllegalArgumentException("page counts must not be negative");
    }
  }

  @Override
  public DocumentFacts facts() {
    return this;
  }
}
