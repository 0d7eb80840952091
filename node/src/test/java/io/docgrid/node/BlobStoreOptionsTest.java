package io.docgrid.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docgrid.node.config.BlobStoreConfig;
import io.docgrid.node.config.ConfigException;
import io.docgrid.node.config.NodeConfig;
import io.docgrid.tasks.blob.S3BlobStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The blob store flags of {@code serve}: local by default, S3 on request, every mistake named. */
class BlobStoreOptionsTest {

  private static final Map<String, String> KEYS =
      Map.of(
          "DOCGRID_S3_ACCESS_KEY_ID", "AKIDEXAMPLE",
          "DOCGRID_S3_SECRET_ACCESS_KEY", "wJalrXUtnFEMI-secret");

  @TempDir Path directory;

  @Test
  void the_default_is_the_local_directory() {
    NodeConfig config = ParsedSettings.serve(Map.of(), "--data-dir", "/var/lib/docgrid");
    assertThat(config.blobStore()).isEqualTo(BlobStoreConfig.local());
    assertThat(config.blobDir()).isEqualTo(Path.of("/var/lib/docgrid/blobs"));
  }

  @Test
  void an_s3_store_takes_its_settings_from_flags_and_its_key_from_the_environment() {
    S3BlobStore.Settings s3 =
        ParsedSettings.serve(
                KEYS,
                "--data-dir",
                "/var/lib/docgrid",
                "--blob-store",
                "s3",
                "--s3-bucket",
                "docgrid-prod",
                "--s3-prefix",
                "/eu/docgrid/",
                "--s3-endpoint",
                "http://minio.internal:9000",
                "--s3-region",
                "eu-central-1",
                "--s3-path-style")
            .blobStore()
            .s3();

    assertThat(s3.bucket()).isEqualTo("docgrid-prod");
    assertThat(s3.prefix()).isEqualTo("eu/docgrid");
    assertThat(s3.endpoint()).isEqualTo(URI.create("http://minio.internal:9000"));
    assertThat(s3.region()).isEqualTo("eu-central-1");
    assertThat(s3.pathStyle()).isTrue();
    assertThat(s3.credentials())
        .isEqualTo(new S3BlobStore.Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI-secret"));
    assertThat(s3.spoolDirectory()).isEqualTo(Path.of("/var/lib/docgrid/spool"));
  }

  @Test
  void every_s3_option_has_its_environment_twin_and_aws_s3_is_the_default_endpoint() {
    var environment = new java.util.HashMap<>(KEYS);
    environment.put("DOCGRID_BLOB_STORE", "s3");
    environment.put("DOCGRID_S3_BUCKET", "from-env");
    environment.put("DOCGRID_S3_SPOOL_DIR", directory.toString());
    S3BlobStore.Settings s3 = ParsedSettings.serve(environment).blobStore().s3();

    assertThat(s3.bucket()).isEqualTo("from-env");
    assertThat(s3.endpoint()).isNull();
    assertThat(s3.region()).isEqualTo("us-east-1");
    assertThat(s3.pathStyle()).isFalse();
    assertThat(s3.prefix()).isEmpty();
    assertThat(s3.spoolDirectory()).isEqualTo(directory);
  }

  @Test
  void the_key_comes_from_a_credentials_file_ahead_of_the_environment() throws Exception {
    Path file = directory.resolve("s3.credentials");
    Files.writeString(
        file,
        "# DocGrid's bucket key\naccess_key_id = AKIDFILE\n\nsecret_access_key=file-secret\n");

    S3BlobStore.Settings s3 =
        ParsedSettings.serve(
                KEYS,
                "--blob-store",
                "s3",
                "--s3-bucket",
                "docgrid",
                "--s3-credentials-file",
                file.toString())
            .blobStore()
            .s3();

    assertThat(s3.credentials()).isEqualTo(new S3BlobStore.Credentials("AKIDFILE", "file-secret"));
  }

  @Test
  void the_secret_never_shows_in_the_configuration_text() {
    NodeConfig config = ParsedSettings.serve(KEYS, "--blob-store", "s3", "--s3-bucket", "docgrid");
    assertThat(config.toString())
        .contains("AKIDEXAMPLE")
        .doesNotContain("wJalrXUtnFEMI-secret")
        .contains("<redacted>");
  }

  @Test
  void every_s3_mistake_is_reported_at_once() throws Exception {
    assertThatThrownBy(
            () ->
                ParsedSettings.serve(
                    Map.of("DOCGRID_S3_ACCESS_KEY_ID", "only-half"),
                    "--blob-store",
                    "s3",
                    "--s3-bucket",
                    "Not_A_Bucket",
                    "--s3-prefix",
                    "a/../b",
                    "--s3-region",
                    "EU West",
                    "--s3-endpoint",
                    "ftp://minio:9000",
                    "--blob-dir",
                    "/srv/blobs",
                    "--max-upload-size",
                    "6GB"))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(7)
                    .anySatisfy(p -> assertThat(p).startsWith("--s3-bucket (DOCGRID_S3_BUCKET)"))
                    .anySatisfy(p -> assertThat(p).startsWith("--s3-prefix (DOCGRID_S3_PREFIX)"))
                    .anySatisfy(p -> assertThat(p).startsWith("--s3-region (DOCGRID_S3_REGION)"))
                    .anySatisfy(
                        p -> assertThat(p).startsWith("--s3-endpoint (DOCGRID_S3_ENDPOINT)"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .contains("DOCGRID_S3_ACCESS_KEY_ID")
                                .contains("DOCGRID_S3_SECRET_ACCESS_KEY")
                                .contains("--s3-credentials-file"))
                    .anySatisfy(p -> assertThat(p).startsWith("--blob-dir (DOCGRID_BLOB_DIR)"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .startsWith("--max-upload-size (DOCGRID_MAX_UPLOAD_SIZE)")
                                .contains("5GB")));
  }

  @Test
  void an_unknown_store_a_missing_bucket_and_a_bad_credentials_file_are_named() throws Exception {
    assertThatThrownBy(() -> ParsedSettings.serve(KEYS, "--blob-store", "ftp"))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "--blob-store (DOCGRID_BLOB_STORE) must be local or s3, got 'ftp'"));
    assertThatThrownBy(() -> ParsedSettings.serve(KEYS, "--blob-store", "s3"))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly("--blob-store s3 needs --s3-bucket (DOCGRID_S3_BUCKET)"));

    Path file = directory.resolve("s3.credentials");
    Files.writeString(file, "aws_access_key_id=AKID\nsecret_access_key=do-not-echo-me\n");
    assertThatThrownBy(
            () ->
                ParsedSettings.serve(
                    Map.of(),
                    "--blob-store",
                    "s3",
                    "--s3-bucket",
                    "docgrid",
                    "--s3-credentials-file",
                    file.toString()))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .satisfies(
                        p ->
                            assertThat(p)
                                .contains("line 1 must be")
                                .doesNotContain("AKID")
                                .doesNotContain("do-not-echo-me")));
  }

  @Test
  void s3_options_with_the_local_store_are_a_mistake() {
    assertThatThrownBy(
            () -> ParsedSettings.serve(Map.of(), "--s3-bucket", "docgrid", "--s3-path-style"))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly("--s3-bucket, --s3-path-style apply to --blob-store s3 only"));
  }

  @Test
  void an_invalid_s3_configuration_exits_with_code_2_and_no_secret_in_the_message() {
    StringWriter err = new StringWriter();
    CommandLine commandLine =
        Main.newCommandLine(
            Map.of(
                "DOCGRID_S3_SECRET_ACCESS_KEY",
                "wJalrXUtnFEMI-secret",
                "DOCGRID_BLOB_STORE",
                "s3"));
    commandLine.setErr(new PrintWriter(err, true));

    assertThat(commandLine.execute("serve", "--data-dir", directory.toString())).isEqualTo(2);
    assertThat(err.toString())
        .contains("--s3-bucket")
        .contains("DOCGRID_S3_ACCESS_KEY_ID")
        .doesNotContain("wJalrXUtnFEMI-secret");
  }
}
