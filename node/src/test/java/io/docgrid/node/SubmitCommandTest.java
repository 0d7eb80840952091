package io.docgrid.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.docgrid.testkit.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code docgrid submit} against a real node: results printed or saved, failures told. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubmitCommandTest {

  private TestNode node;
  private Path temp;

  @BeforeAll
  void start(@TempDir Path temp) throws Exception {
    this.temp = temp;
    node = TestNodeConfig.in(temp.resolve("data")).compute(true).maxUpload(20 << 20).start();
  }

  @AfterAll
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  private CommandRun submit(String... args) {
    String[] command = new String[args.length + 1];
    command[0] = "submit";
    System.arraycopy(args, 0, command, 1, args.length);
    return CommandRun.asAdminOf(node, command);
  }

  @Test
  void the_text_of_a_document_is_printed_once_its_job_has_succeeded() {
    CommandRun run = submit(Corpus.dev("pypdf__minimal-document.pdf").toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("Lorem ipsum dolor sit amet");
    assertThat(run.err()).contains("pypdf__minimal-document.pdf: job ");
  }

  @Test
  void results_are_saved_in_the_output_directory_in_the_format_asked_for() throws Exception {
    Path results = temp.resolve("results");
    Path scan = Corpus.ocrDev("real__phototest.tif");
    CommandRun run =
        submit(
            "--format",
            "pdf",
            "--output-dir",
            results.toString(),
            scan.toString(),
            Corpus.dev("pypdf__minimal-document.pdf").toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    try (PDDocument searchable =
        Loader.loadPDF(results.resolve("real__phototest.tif.pdf").toFile())) {
      assertThat(new PDFTextStripper().getText(searchable)).contains("quick brown");
    }
    assertThat(results.resolve("pypdf__minimal-document.pdf.pdf")).isNotEmptyFile();
    assertThat(run.out()).isEmpty();
  }

  @Test
  void json_results_are_the_api_result() throws Exception {
    CommandRun run =
        submit(
            "--format",
            "json",
            "--options",
            "{\"ocr\":\"off\"}",
            Corpus.dev("pypdf__minimal-document.pdf").toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(new ObjectMapper().readTree(run.out()).at("/pages/0/number").asInt()).isEqualTo(1);
  }

  @Test
  void a_document_that_fails_makes_the_exit_code_1_and_says_why() {
    CommandRun run =
        submit(
            Corpus.dev("pypdf__libreoffice-writer-password.pdf").toString(),
            Corpus.dev("pypdf__minimal-document.pdf").toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("pypdf__libreoffice-writer-password.pdf: failed", "ENCRYPTED");
    assertThat(run.out()).contains("==> ", "Lorem ipsum");
  }

  @Test
  void a_refused_upload_stops_with_the_servers_reason() throws Exception {
    Path executable = temp.resolve("invoice.pdf");
    Files.write(executable, new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    CommandRun run = submit(executable.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("UNSUPPORTED_MEDIA_TYPE");
  }

  @Test
  void usage_errors_are_found_before_anything_is_uploaded() {
    CommandRun missing = submit(temp.resolve("no-such.pdf").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("not a readable file");
    CommandRun pdfToScreen =
        submit("--format", "pdf", Corpus.dev("pypdf__minimal-document.pdf").toString());
    assertThat(pdfToScreen.exitCode()).isEqualTo(2);
    assertThat(pdfToScreen.err()).contains("--output-dir");
    CommandRun badOptions =
        submit("--options", "{\"ocr\":", Corpus.dev("pypdf__minimal-document.pdf").toString());
    assertThat(badOptions.exitCode()).isEqualTo(1);
    assertThat(badOptions.err()).contains("INVALID_REQUEST");
  }

  @Test
  void without_waiting_the_job_ids_are_printed() {
    CommandRun run = submit("--no-wait", Corpus.dev("pypdf__minimal-document.pdf").toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().strip()).matches("[0-9a-f-]{36}\\t.*pypdf__minimal-document\\.pdf");
  }

  @Test
  void a_resumable_upload_picks_up_where_an_interrupted_run_left_it() throws Exception {
    Path file = LargeTextFile.write(temp.resolve("long-report.txt"), 3L << 20, 11);
    byte[] content = Files.readAllBytes(file);
    TusRequests tus = new TusRequests(node.http);
    String upload = tus.create(content.length, "long-report.txt");
    tus.patch(upload, 0, TusRequests.slice(content, 0, 1 << 20));
    // What an interrupted run left behind: the file's upload, by the client's fingerprint of it.
    Path state = temp.resolve("state").resolve("uploads.properties");
    Files.createDirectories(state.getParent());
    Properties uploads = new Properties();
    uploads.setProperty(
        file.toFile().getAbsolutePath() + "-" + content.length,
        "http://127.0.0.1:" + node.port() + upload);
    try (var out = Files.newOutputStream(state)) {
      uploads.store(out, null);
    }

    CommandRun run = submit("--resumable", "--resume-state", state.toString(), file.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).contains("long-report.txt: resuming at byte " + (1 << 20));
    assertThat(run.out()).startsWith("1 ");
    Properties after = new Properties();
    try (var in = Files.newInputStream(state)) {
      after.load(in);
    }
    assertThat(after).as("a finished upload is forgotten").isEmpty();
  }

  @Test
  void with_sha256_a_file_already_stored_is_not_sent_again() throws Exception {
    Path file = temp.resolve("memo.txt");
    Files.writeString(file, "a memo, stored once\n");
    assertThat(submit(file.toString()).exitCode()).isZero();

    CommandRun again = submit("--sha256", file.toString());
    Path fresh = temp.resolve("fresh.txt");
    Files.writeString(fresh, "never seen before\n");
    CommandRun unknown = submit("--sha256", fresh.toString());

    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.err()).contains("memo.txt: already stored, not sent again");
    assertThat(again.out()).contains("a memo, stored once");
    assertThat(unknown.exitCode()).as(unknown.err()).isZero();
    assertThat(unknown.err()).doesNotContain("already stored");
    assertThat(unknown.out()).contains("never seen before");
  }
}
