package io.docgrid.tasks.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.testkit.Corpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentTypeDetectorTest {

  private static final String PDF = "application/pdf";
  private static final String DOCX =
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  private static final String ODT = "application/vnd.oasis.opendocument.text";
  private static final String HTML = "text/html";

  private final DocumentTypeDetector detector = new DocumentTypeDetector();

  @TempDir Path temp;

  @Test
  void detects_every_pdf_docx_odt_and_html_in_the_corpus_by_content_alone() throws IOException {
    List<Corpus.Entry> documents =
        Corpus.devEntries(entry -> Set.of(PDF, DOCX, ODT, HTML).contains(entry.mime()));
    assertThat(documents).extracting(Corpus.Entry::mime).contains(PDF, DOCX, ODT, HTML);

    for (Corpus.Entry entry : documents) {
      // A name without an extension, so that only the bytes can give the type away.
      Path anonymous = Files.copy(Corpus.dev(entry.file()), temp.resolve("upload"));
      String detected = detector.detect(anonymous);
      Files.delete(anonymous);

      assertThat(detected).as(entry.file()).isEqualTo(entry.mime());
      assertThat(detector.isSupported(detected)).as(entry.file()).isTrue();
      assertThat(detector.isConsistent(detected, entry.file())).as(entry.file()).isTrue();
    }
  }

  @Test
  void magic_bytes_alone_agree_with_full_detection_except_inside_packages() throws IOException {
    DocumentTypeDetector magic = DocumentTypeDetector.fromMagicBytes();
    for (Corpus.Entry entry : Corpus.devEntries(entry -> !entry.mime().isEmpty())) {
      Path anonymous = Files.copy(Corpus.dev(entry.file()), temp.resolve("upload"));
      String byMagic = magic.detectFromMagic(anonymous);
      String full = detector.detect(anonymous);
      Files.delete(anonymous);

      if (magic.isPackage(byMagic)) {
        // A DOCX is only a package to magic bytes; its name or its first look says which.
        assertThat(magic.mayBeSupported(byMagic, entry.file())).as(entry.file()).isTrue();
        assertThat(magic.isConsistent(byMagic, entry.file())).as(entry.file()).isTrue();
      } else {
        assertThat(byMagic).as(entry.file()).isEqualTo(full);
      }
    }
  }

  @Test
  void a_package_is_accepted_when_its_name_claims_a_supported_type_or_says_nothing()
      throws IOException {
    DocumentTypeDetector magic = DocumentTypeDetector.fromMagicBytes();
    Path zip = temp.resolve("archive.zip");
    try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new java.util.zip.ZipEntry("notes.txt"));
      out.write("not an office document".getBytes(StandardCharsets.UTF_8));
    }

    String type = magic.detectFromMagic(zip);

    assertThat(type).isEqualTo("application/zip");
    assertThat(magic.mayBeSupported(type, "archive.zip")).isFalse();
    assertThat(magic.mayBeSupported(type, "report.docx")).isTrue();
    assertThat(magic.mayBeSupported(type, null)).isTrue();
    // Where documents are parsed, the package's real type settles it: no supported document.
    assertThat(detector.isSupported(detector.detect(zip))).isFalse();
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> magic.detect(zip)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void a_pdf_named_docx_is_still_detected_as_pdf_and_its_name_is_inconsistent() throws IOException {
    Path disguised =
        Files.copy(Corpus.dev("pypdf__minimal-document.pdf"), temp.resolve("report.docx"));

    String detected = detector.detect(disguised);

    assertThat(detected).isEqualTo(PDF);
    assertThat(detector.isConsistent(detected, "report.docx")).isFalse();
  }

  @Test
  void an_elf_executable_named_pdf_is_detected_as_an_executable_and_is_not_supported()
      throws IOException {
    Path disguised = Files.write(temp.resolve("invoice.pdf"), minimalElfHeader());

    String detected = detector.detect(disguised);

    assertThat(detected).isEqualTo("application/x-executable");
    assertThat(detector.isSupported(detected)).isFalse();
    assertThat(detector.isConsistent(detected, "invoice.pdf")).isFalse();
  }

  @Test
  void a_system_binary_is_detected_as_executable_code_and_is_not_supported() throws IOException {
    Path binary = Files.copy(Path.of("/bin/ls"), temp.resolve("ls.pdf"));

    String detected = detector.detect(binary);

    assertThat(detected).isIn("application/x-executable", "application/x-sharedlib");
    assertThat(detector.isSupported(detected)).isFalse();
  }

  @Test
  void a_text_file_named_csv_or_md_is_plain_text_consistent_with_its_name() throws IOException {
    Path csv = Files.writeString(temp.resolve("notes.csv"), "name,amount\nrent,1200\nfood,300\n");

    String detected = detector.detect(csv);

    assertThat(detected).isEqualTo("text/plain");
    assertThat(detector.isSupported(detected)).isTrue();
    assertThat(detector.isConsistent(detected, "notes.csv")).isTrue();
    assertThat(detector.isConsistent(detected, "notes.md")).isTrue();
    assertThat(detector.isConsistent(detected, "notes.pdf")).isFalse();
  }

  @Test
  void empty_and_unknown_bytes_are_octet_stream_and_unsupported() throws IOException {
    Path empty = Files.write(temp.resolve("empty"), new byte[0]);
    Path unknown =
        Files.write(
            temp.resolve("unknown"), new byte[] {0x01, 0x02, 0x03, (byte) 0xff, 0x00, 0x05});

    assertThat(detector.detect(empty)).isEqualTo("application/octet-stream");
    assertThat(detector.detect(unknown)).isEqualTo("application/octet-stream");
    assertThat(detector.isSupported("application/octet-stream")).isFalse();
  }

  @Test
  void the_file_name_claims_a_type_only_through_a_known_extension() {
    assertThat(detector.typeForFileName("report.PDF")).contains(PDF);
    assertThat(detector.typeForFileName("letter.docx")).contains(DOCX);
    assertThat(detector.typeForFileName("table.csv")).contains("text/csv");
    assertThat(detector.typeForFileName("scan-2024-03")).isEmpty();
    assertThat(detector.typeForFileName("archive.unknownextension")).isEmpty();
    assertThat(detector.typeForFileName("")).isEmpty();
    assertThat(detector.typeForFileName(null)).isEmpty();
  }

  @Test
  void a_name_is_consistent_when_it_claims_a_more_general_or_more_specific_type() {
    assertThat(detector.isConsistent("application/x-tika-ooxml", "letter.docx")).isTrue();
    assertThat(detector.isConsistent(DOCX, "letter.docx")).isTrue();
    assertThat(detector.isConsistent(PDF, "scan.pdf")).isTrue();
    assertThat(detector.isConsistent(PDF, "no-extension")).isTrue();
    assertThat(detector.isConsistent("application/xhtml+xml", "page.html")).isTrue();
    assertThat(detector.isConsistent("text/plain", "page.html")).isTrue();
    assertThat(detector.isConsistent(DOCX, "sheet.xlsx")).isFalse();
    assertThat(detector.isConsistent(HTML, "paper.pdf")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        PDF,
        DOCX,
        "application/vnd.ms-word.document.macroenabled.12",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/x-tika-ooxml",
        ODT,
        "application/vnd.oasis.opendocument.spreadsheet",
        "application/vnd.oasis.opendocument.presentation",
        "application/rtf",
        "text/rtf",
        HTML,
        "text/html; charset=UTF-8",
        "application/xhtml+xml",
        "text/plain",
        "text/csv",
        "text/markdown",
        "text/x-web-markdown",
        "application/epub+zip",
        "message/rfc822",
        "application/msword",
        "application/vnd.ms-excel",
        "application/vnd.ms-powerpoint",
        "image/png",
        "image/jpeg",
        "image/tiff",
        "image/bmp",
        "image/x-ms-bmp",
        "image/gif"
      })
  void supports_the_document_formats_we_extract_text_from(String mediaType) {
    assertThat(detector.isSupported(mediaType)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "image/svg+xml",
        "image/vnd.adobe.photoshop",
        "application/x-executable",
        "application/x-dosexec",
        "application/x-msdownload",
        "application/x-sharedlib",
        "application/java-archive",
        "application/zip",
        "application/octet-stream",
        "not a media type",
        ""
      })
  void does_not_support_vector_images_executables_archives_or_nonsense(String mediaType) {
    assertThat(detector.isSupported(mediaType)).isFalse();
  }

  @Test
  void one_detector_serves_several_threads_at_once() throws Exception {
    Map<String, String> expected =
        Map.of(
            "pypdf__minimal-document.pdf", PDF,
            "pydocx__par-known-paragraphs.docx", DOCX,
            "pypdf__source.odt", ODT,
            "pypdf__habibi.html", HTML);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int round = 0; round < 8; round++) {
        expected.forEach(
            (file, type) ->
                results.add(pool.submit(() -> detector.detect(Corpus.dev(file)).equals(type))));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void utf8_text_is_plain_text_without_a_charset_parameter() throws IOException {
    Path text =
        Files.writeString(
            temp.resolve("résumé"), "Grüße aus Köln – naïve café\n", StandardCharsets.UTF_8);

    assertThat(detector.detect(text)).isEqualTo("text/plain");
  }

  /** The 64-byte header of an x86-64 ELF executable: all that magic-byte detection looks at. */
  private static byte[] minimalElfHeader() {
    byte[] header = new byte[64];
    byte[] identification = {0x7f, 'E', 'L', 'F', 2, 1, 1};
    System.arraycopy(identification, 0, header, 0, identification.length);
    header[16] = 2; // e_type ET_EXEC: an executable, not a shared object
    header[18] = 0x3e; // e_machine x86-64
    header[20] = 1; // e_version
    header[52] = 64; // e_ehsize
    return header;
  }
}
