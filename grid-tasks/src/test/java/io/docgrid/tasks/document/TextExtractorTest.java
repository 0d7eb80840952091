package io.docgrid.tasks.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.docgrid.testkit.Corpus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.sax.BodyContentHandler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TextExtractorTest {

  private static final String PDF = "application/pdf";

  private final TextExtractor extractor = new TextExtractor();
  private final DocumentTypeDetector detector = new DocumentTypeDetector();

  /** Planted in every temporary path, so that a leak into a client message is easy to spot. */
  private Path secretDirectory;

  @TempDir Path temp;

  @BeforeEach
  void plantSecretDirectory() throws IOException {
    secretDirectory = Files.createDirectories(temp.resolve("internal-secret-spool-7f3a"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "pypdf__pdflatex-4-pages.pdf",
        "pdfbox__cweb.pdf",
        "pypdf__minimal-document.pdf",
        "pypdf__multicolumn.pdf",
        "pdfbox__PDFBOX-3110-poems-beads.pdf",
        "pypdf__GeoTopo-komprimiert.pdf"
      })
  void each_pdf_page_holds_what_pdfbox_strips_from_that_page_alone(String name) throws Exception {
    Path file = Corpus.dev(name);

    ExtractedDocument extracted = extractor.extract(file, PDF);

    List<String> expected = textOfEachPageByPdfbox(file);
    assertThat(extracted.mediaType()).isEqualTo(PDF);
    assertThat(extracted.pageCount()).isEqualTo(expected.size());
    assertThat(extracted.pageCount()).isEqualTo(Corpus.devEntry(name).pages().orElseThrow());
    assertThat(extracted.pages())
        .extracting(PageText::number)
        .containsExactlyElementsOf(rangeClosed(1, expected.size()));
    assertThat(extracted.pages()).extracting(PageText::source).containsOnly("text-layer");
    assertThat(extracted.pages()).extracting(PageText::text).containsExactlyElementsOf(expected);
    assertThat(String.join("", expected)).isNotBlank();
  }

  @Test
  void every_corpus_pdf_that_pdfbox_can_open_has_the_manifest_page_count() throws Exception {
    List<Corpus.Entry> pdfs =
        Corpus.devEntries(entry -> entry.mime().equals(PDF) && entry.pages().isPresent());
    assertThat(pdfs).hasSizeGreaterThan(50);

    List<String> mismatches = new ArrayList<>();
    List<String> corrupt = new ArrayList<>();
    for (Corpus.Entry entry : pdfs) {
      try {
        ExtractedDocument extracted = extractor.extract(Corpus.dev(entry.file()), PDF);
        if (extracted.pageCount() != entry.pages().getAsInt()
            || extracted.pages().size() != extracted.pageCount()) {
          mismatches.add(entry.file() + ": " + extracted.pageCount());
        }
      } catch (DocumentProcessingException e) {
        corrupt.add(entry.file() + ": " + e.code());
      }
    }

    assertThat(mismatches).isEmpty();
    // qpdf recovers this one, PDFBox cannot ("Page tree root must be a dictionary").
    assertThat(corrupt).containsExactly("pypdf__unreadablemetadata.pdf: DOCUMENT_CORRUPT");
  }

  @Test
  void pdf_metadata_is_a_small_set_of_trimmed_camel_case_fields() throws Exception {
    ExtractedDocument extracted = extractor.extract(Corpus.dev("pypdf__pdflatex-4-pages.pdf"), PDF);

    assertThat(extracted.metadata())
        .containsKey("pdfVersion")
        .containsKey("producer")
        .containsKey("created");
    assertThat(extracted.metadata().keySet())
        .isSubsetOf(
            "title",
            "author",
            "subject",
            "keywords",
            "creator",
            "producer",
            "created",
            "modified",
            "language",
            "pdfVersion");
    assertThat(extracted.metadata().values())
        .allSatisfy(
            value ->
                assertThat(value)
                    .isNotBlank()
                    .hasSizeLessThanOrEqualTo(1000)
                    .isEqualTo(value.strip()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "pypdf__libreoffice-writer-password.pdf",
        "pdfbox__PasswordSample-40bit.pdf",
        "pdfbox__PasswordSample-128bit.pdf",
        "pdfbox__PasswordSample-256bit.pdf",
        "pdfbox__AES256ExposedMeta.pdf",
        "pdfbox__AESkeylength256.pdf"
      })
  void a_pdf_that_needs_a_password_or_certificate_to_open_is_reported_as_encrypted(String name)
      throws IOException {
    Path file = Files.copy(Corpus.dev(name), secretDirectory.resolve(name));

    DocumentProcessingException failure = extractionFailure(file, PDF);

    assertThat(failure.code()).isEqualTo(DocumentErrorCode.DOCUMENT_ENCRYPTED);
    assertThat(failure.getMessage()).startsWith("The PDF is password-protected");
    assertNoInternalDetail(failure);
  }

  @Test
  void the_corpus_password_samples_really_need_their_user_password() throws IOException {
    for (String name :
        List.of(
            "pdfbox__PasswordSample-40bit.pdf",
            "pdfbox__PasswordSample-128bit.pdf",
            "pdfbox__PasswordSample-256bit.pdf")) {
      assertThatThrownBy(() -> Loader.loadPDF(Corpus.dev(name).toFile()).close())
          .isInstanceOf(InvalidPasswordException.class);
      try (PDDocument document = Loader.loadPDF(Corpus.dev(name).toFile(), "user")) {
        assertThat(document.getNumberOfPages()).isEqualTo(1);
      }
    }
  }

  @Test
  void a_pdf_with_only_an_owner_password_is_extracted_like_any_other() throws Exception {
    Path file = secretDirectory.resolve("restricted.pdf");
    try (PDDocument document = new PDDocument()) {
      PDPage page = new PDPage();
      document.addPage(page);
      try (PDPageContentStream content = new PDPageContentStream(document, page)) {
        content.beginText();
        content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
        content.newLineAtOffset(72, 700);
        content.showText("Copying this text is not permitted");
        content.endText();
      }
      AccessPermission permissions = new AccessPermission();
      permissions.setCanExtractContent(false);
      permissions.setCanExtractForAccessibility(false);
      StandardProtectionPolicy policy =
          new StandardProtectionPolicy("owner-only-secret", "", permissions);
      policy.setEncryptionKeyLength(128);
      document.protect(policy);
      document.save(file.toFile());
    }
    try (PDDocument saved = Loader.loadPDF(file.toFile())) {
      assertThat(saved.isEncrypted()).isTrue();
      assertThat(saved.getCurrentAccessPermission().canExtractContent()).isFalse();
    }

    ExtractedDocument extracted = extractor.extract(file, PDF);

    assertThat(extracted.pageCount()).isEqualTo(1);
    assertThat(extracted.pages().get(0).text()).isEqualTo("Copying this text is not permitted");
  }

  @Test
  void a_truncated_pdf_is_reported_as_corrupt_without_revealing_its_path() throws IOException {
    byte[] head = Arrays.copyOf(Files.readAllBytes(Corpus.dev("pypdf__minimal-document.pdf")), 200);
    Path truncated = Files.write(secretDirectory.resolve("truncated.pdf"), head);

    DocumentProcessingException failure = extractionFailure(truncated, PDF);

    assertThat(failure.code()).isEqualTo(DocumentErrorCode.DOCUMENT_CORRUPT);
    assertThat(failure.getMessage()).startsWith("The PDF could not be read");
    assertNoInternalDetail(failure);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "pydocx__par-known-paragraphs.docx",
        "pypdf__habibi.html",
        "pypdf__source.odt",
        "pydocx__hdr-header-footer.docx",
        "pypdf__libreoffice-form.odt"
      })
  void other_formats_give_one_page_with_the_text_that_plain_tika_gives(String name)
      throws Exception {
    Path file = Corpus.dev(name);
    String mediaType = detector.detect(file);

    ExtractedDocument extracted = extractor.extract(file, mediaType);

    assertThat(extracted.mediaType()).isEqualTo(Corpus.devEntry(name).mime());
    assertThat(extracted.pageCount()).isEqualTo(1);
    assertThat(extracted.pages())
        .singleElement()
        .satisfies(
            page -> {
              assertThat(page.number()).isEqualTo(1);
              assertThat(page.source()).isEqualTo("text-layer");
              assertThat(page.text()).isNotBlank().isEqualTo(textByPlainTika(file));
            });
  }

  @Test
  void odt_metadata_is_the_same_small_set_of_fields() throws Exception {
    Path file = Corpus.dev("pypdf__source.odt");

    ExtractedDocument extracted =
        extractor.extract(file, "application/vnd.oasis.opendocument.text");

    assertThat(extracted.metadata().keySet())
        .isSubsetOf("title", "author", "subject", "creator", "created", "modified", "language");
    assertThat(extracted.metadata()).containsKey("created");
  }

  @Test
  void a_password_protected_docx_is_reported_as_encrypted() throws Exception {
    Path file = secretDirectory.resolve("protected.docx");
    try (POIFSFileSystem container = new POIFSFileSystem()) {
      Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
      encryptor.confirmPassword("open-sesame");
      try (OutputStream encrypted = encryptor.getDataStream(container)) {
        Files.copy(Corpus.dev("pydocx__par-known-paragraphs.docx"), encrypted);
      }
      try (OutputStream out = Files.newOutputStream(file)) {
        container.writeFilesystem(out);
      }
    }
    String detected = detector.detect(file);
    assertThat(detected).isEqualTo("application/x-tika-ooxml-protected");
    assertThat(detector.isSupported(detected)).isTrue();

    DocumentProcessingException failure = extractionFailure(file, detected);

    assertThat(failure.code()).isEqualTo(DocumentErrorCode.DOCUMENT_ENCRYPTED);
    assertThat(failure.getMessage()).startsWith("The document is password-protected");
    assertNoInternalDetail(failure);
  }

  @Test
  void an_unsupported_type_is_refused_without_reading_the_file() throws IOException {
    Path image = Files.copy(Corpus.dev("pypdf__smile.png"), secretDirectory.resolve("s.svg"));

    DocumentProcessingException failure = extractionFailure(image, "image/svg+xml");

    assertThat(failure.code()).isEqualTo(DocumentErrorCode.UNSUPPORTED_MEDIA_TYPE);
    assertThat(failure.getMessage()).contains("image/svg+xml").contains("PDF");
    assertNoInternalDetail(failure);
  }

  @Test
  void an_executable_is_refused_as_unsupported() throws IOException {
    Path binary = Files.copy(Path.of("/bin/ls"), secretDirectory.resolve("invoice.pdf"));
    String detected = detector.detect(binary);

    DocumentProcessingException failure = extractionFailure(binary, detected);

    assertThat(failure.code()).isEqualTo(DocumentErrorCode.UNSUPPORTED_MEDIA_TYPE);
    assertNoInternalDetail(failure);
  }

  @Test
  void a_media_type_that_is_not_one_is_not_echoed_back() throws IOException {
    Path file = Files.writeString(secretDirectory.resolve("notes.txt"), "hello");

    DocumentProcessingException failure =
        extractionFailure(file, "<script>alert(1)</script> " + file);

    assertThat(failure.code()).isEqualTo(DocumentErrorCode.UNSUPPORTED_MEDIA_TYPE);
    assertThat(failure.getMessage()).doesNotContain("script");
    assertNoInternalDetail(failure);
  }

  @Test
  void plain_text_keeps_its_lines_with_unix_line_ends_and_no_trailing_whitespace()
      throws Exception {
    Path file =
        Files.writeString(
            secretDirectory.resolve("notes.txt"),
            "Grüße\r\nline two  \r\n\r\n",
            StandardCharsets.UTF_8);

    ExtractedDocument extracted = extractor.extract(file, detector.detect(file));

    assertThat(extracted.mediaType()).isEqualTo("text/plain");
    assertThat(extracted.pages())
        .singleElement()
        .extracting(PageText::text)
        .isEqualTo("Grüße\nline two");
  }

  @Test
  void an_empty_file_is_reported_as_corrupt() throws IOException {
    Path empty = Files.write(secretDirectory.resolve("empty.txt"), new byte[0]);

    DocumentProcessingException failure = extractionFailure(empty, "text/plain");

    assertThat(failure.code()).isEqualTo(DocumentErrorCode.DOCUMENT_CORRUPT);
    assertNoInternalDetail(failure);
  }

  @Test
  void text_beyond_the_character_limit_is_too_complex() throws IOException {
    TextExtractor limited = new TextExtractor(1_000);
    Path longText = Files.writeString(secretDirectory.resolve("long.txt"), "word ".repeat(1_000));

    DocumentProcessingException tikaFailure =
        catchThrowableOfType(
            DocumentProcessingException.class, () -> limited.extract(longText, "text/plain"));
    DocumentProcessingException pdfFailure =
        catchThrowableOfType(
            DocumentProcessingException.class,
            () -> limited.extract(Corpus.dev("pdfbox__cweb.pdf"), PDF));

    assertThat(tikaFailure.code()).isEqualTo(DocumentErrorCode.DOCUMENT_TOO_COMPLEX);
    assertThat(pdfFailure.code()).isEqualTo(DocumentErrorCode.DOCUMENT_TOO_COMPLEX);
    assertNoInternalDetail(tikaFailure);
  }

  @Test
  void a_zip_bomb_disguised_as_docx_is_too_complex() throws IOException {
    Path bomb = writeDocxBomb(secretDirectory.resolve("bomb.docx"));
    String detected = detector.detect(bomb);
    assertThat(detected)
        .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");

    DocumentProcessingException failure = extractionFailure(bomb, detected);

    assertThat(failure.code()).isEqualTo(DocumentErrorCode.DOCUMENT_TOO_COMPLEX);
    assertThat(failure.causeSummary())
        .hasValueSatisfying(cause -> assertThat(cause).contains("zip bomb"));
    assertNoInternalDetail(failure);
  }

  @Test
  void a_missing_file_is_our_io_problem_not_a_corrupt_document() {
    Path missing = secretDirectory.resolve("gone.pdf");

    assertThatThrownBy(() -> extractor.extract(missing, PDF)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> extractor.extract(missing, "text/plain"))
        .isInstanceOf(IOException.class);
  }

  private DocumentProcessingException extractionFailure(Path file, String mediaType) {
    return catchThrowableOfType(
        DocumentProcessingException.class, () -> extractor.extract(file, mediaType));
  }

  private void assertNoInternalDetail(DocumentProcessingException failure) {
    assertThat(failure).isNotNull();
    assertThat(failure.getMessage())
        .doesNotContain(secretDirectory.getFileName().toString())
        .doesNotContain(temp.toString())
        .doesNotContain("Exception")
        .doesNotContain("org.apache");
    assertThat(failure.getCause()).isNull();
  }

  /** What PDFBox gives for each page on its own, normalised as the extractor promises. */
  private static List<String> textOfEachPageByPdfbox(Path file) throws IOException {
    try (PDDocument document = Loader.loadPDF(file.toFile())) {
      List<String> pages = new ArrayList<>();
      for (int number = 1; number <= document.getNumberOfPages(); number++) {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setStartPage(number);
        stripper.setEndPage(number);
        pages.add(stripper.getText(document).replace("\r\n", "\n").stripTrailing());
      }
      return pages;
    }
  }

  private static String textByPlainTika(Path file) throws Exception {
    BodyContentHandler handler = new BodyContentHandler(-1);
    try (InputStream stream = TikaInputStream.get(file)) {
      new AutoDetectParser().parse(stream, handler, new Metadata(), TikaSettings.parseContext());
    }
    return handler.toString().replace("\r\n", "\n").stripTrailing();
  }

  private static List<Integer> rangeClosed(int first, int last) {
    List<Integer> numbers = new ArrayList<>();
    for (int number = first; number <= last; number++) {
      numbers.add(number);
    }
    return numbers;
  }

  /**
   * A minimal DOCX with one run of 20 million letters, deflated to some 20 KB: output out of all
   * proportion to its input, as from a zip bomb, yet below the extractor's character limit.
   */
  private static Path writeDocxBomb(Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
      zip.write(
          ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                  + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                  + "<Default Extension=\"rels\""
                  + " ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                  + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                  + "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
                  + "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
                  + "</Types>")
              .getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry("_rels/.rels"));
      zip.write(
          ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                  + "<Relationships"
                  + " xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                  + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/"
                  + "officeDocument/2006/relationships/officeDocument\""
                  + " Target=\"word/document.xml\"/></Relationships>")
              .getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry("word/document.xml"));
      zip.write(
          ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document"
                  + " xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                  + "<w:body><w:p><w:r><w:t>")
              .getBytes(StandardCharsets.UTF_8));
      byte[] letters = new byte[1 << 20];
      Arrays.fill(letters, (byte) 'a');
      for (int megabyte = 0; megabyte < 20; megabyte++) {
        zip.write(letters);
      }
      zip.write("</w:t></w:r></w:p></w:body></w:document>".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return file;
  }
}
