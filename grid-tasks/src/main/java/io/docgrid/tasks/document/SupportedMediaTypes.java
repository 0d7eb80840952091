package io.docgrid.tasks.document;

import java.util.Optional;
import java.util.Set;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;

/** The media types we extract text from, matched after Tika resolves aliases. */
final class SupportedMediaTypes {

  static final MediaType PDF = MediaType.application("pdf");

  /** Raster images, read with ImageIO and OCRed page by page (TIFF frames). */
  static final Set<MediaType> IMAGES =
      Set.of(
          MediaType.image("png"),
          MediaType.image("jpeg"),
          MediaType.image("tiff"),
          MediaType.image("bmp"),
          MediaType.image("gif"),
          MediaType.image("webp"));

  /**
   * Zip and OLE2 packages: magic bytes only say "a package", and only looking inside (container
   * detection, a parse) tells a DOCX from an XLSX or a plain archive.
   */
  static final Set<MediaType> PACKAGES =
      Set.of(
          MediaType.application("zip"),
          MediaType.application("x-tika-msoffice"),
          MediaType.application("x-tika-ooxml"));

  /** What clients are told when their type is not in the list. */
  static final String DESCRIPTION =
      "PDF, Word, Excel and PowerPoint (both OOXML and the older binary formats), OpenDocument"
          + " text, spreadsheets and presentations, RTF, HTML, XHTML, plain text, CSV, Markdown,"
          + " EPUB, e-mail (message/rfc822) and PNG, JPEG, TIFF, BMP, GIF and WebP images";

  // Executables, archives and generic zip files are never supported.
  private static final Set<MediaType> SUPPORTED =
      union(
          IMAGES,
          Set.of(
              PDF,
              // OOXML, including macro-enabled documents and templates; their macros are never run.
              // application/x-tika-ooxml is what Tika reports for an OOXML package it cannot
              // narrow.
              MediaType.application("x-tika-ooxml"),
              // A password-protected OOXML file (an OLE2 wrapper). Accepted so that the client
              // hears
              // "password-protected" from the parser rather than "unsupported type".
              MediaType.application("x-tika-ooxml-protected"),
              MediaType.application("vnd.openxmlformats-officedocument.wordprocessingml.document"),
              MediaType.application("vnd.openxmlformats-officedocument.wordprocessingml.template"),
              MediaType.application("vnd.ms-word.document.macroenabled.12"),
              MediaType.application("vnd.ms-word.template.macroenabled.12"),
              MediaType.application("vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
              MediaType.application("vnd.openxmlformats-officedocument.spreadsheetml.template"),
              MediaType.application("vnd.ms-excel.sheet.macroenabled.12"),
              MediaType.application("vnd.ms-excel.template.macroenabled.12"),
              MediaType.application("vnd.ms-excel.sheet.binary.macroenabled.12"),
              MediaType.application(
                  "vnd.openxmlformats-officedocument.presentationml.presentation"),
              MediaType.application("vnd.openxmlformats-officedocument.presentationml.template"),
              MediaType.application("vnd.openxmlformats-officedocument.presentationml.slideshow"),
              MediaType.application("vnd.ms-powerpoint.presentation.macroenabled.12"),
              MediaType.application("vnd.ms-powerpoint.template.macroenabled.12"),
              MediaType.application("vnd.ms-powerpoint.slideshow.macroenabled.12"),
              MediaType.application("vnd.oasis.opendocument.text"),
              MediaType.application("vnd.oasis.opendocument.text-template"),
              MediaType.application("vnd.oasis.opendocument.spreadsheet"),
              MediaType.application("vnd.oasis.opendocument.spreadsheet-template"),
              MediaType.application("vnd.oasis.opendocument.presentation"),
              MediaType.application("vnd.oasis.opendocument.presentation-template"),
              MediaType.application("msword"),
              MediaType.application("vnd.ms-excel"),
              MediaType.application("vnd.ms-powerpoint"),
              MediaType.application("rtf"),
              MediaType.text("html"),
              MediaType.application("xhtml+xml"),
              MediaType.TEXT_PLAIN,
              MediaType.text("csv"),
              MediaType.text("markdown"),
              MediaType.application("epub+zip"),
              MediaType.parse("message/rfc822")));

  private static Set<MediaType> union(Set<MediaType> a, Set<MediaType> b) {
    Set<MediaType> all = new java.util.HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }

  private final MediaTypeRegistry registry;

  SupportedMediaTypes(MediaTypeRegistry registry) {
    this.registry = registry;
  }

  boolean contains(String mediaType) {
    return find(mediaType).isPresent();
  }

  /** Whether {@code mediaType} is a zip or OLE2 package whose real type is still to be found. */
  boolean isPackage(String mediaType) {
    return canonical(mediaType).filter(PACKAGES::contains).isPresent();
  }

  /** The canonical form of {@code mediaType} when it is supported. */
  Optional<MediaType> find(String mediaType) {
    return canonical(mediaType).filter(SUPPORTED::contains);
  }

  /**
   * The type without parameters and with aliases resolved ({@code text/rtf} is {@code
   * application/rtf}); empty when the text is not a media type at all.
   */
  Optional<MediaType> canonical(String mediaType) {
    MediaType parsed = mediaType == null ? null : MediaType.parse(mediaType.strip());
    if (parsed == null) {
      return Optional.empty();
    }
    return Optional.of(registry.normalize(parsed.getBaseType()));
  }
}
