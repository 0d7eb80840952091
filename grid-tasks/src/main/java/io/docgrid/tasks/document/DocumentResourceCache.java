package io.docgrid.tasks.document;

import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.pdmodel.DefaultResourceCache;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * PDFBox's resource cache for one document, except that fonts stay for the document's life. The
 * text stripper drops a page's resources when the page ends, and PDFBox keeps a shared font only
 * after it was dropped three times: fonts are most pages' largest resources, so a short document
 * parsed each of its font programs up to three times. SoftReferences still give them up under
 * memory pressure.
 */
final class DocumentResourceCache extends DefaultResourceCache {

  @Override
  public PDFont removeFont(COSObject indirect) {
    return null;
  }
}
