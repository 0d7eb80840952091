package io.docgrid.node;

import static io.docgrid.node.HttpApi.json;
import static io.docgrid.node.HttpApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docgrid.testkit.Eventually;
import io.tus.java.client.TusClient;
import io.tus.java.client.TusURLMemoryStore;
import io.tus.java.client.TusURLStore;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resumable uploads over tus 1.0 with a real client: interrupted, resumed from the server's offset,
 * made into a job; and the protocol's refusals, each with its status and code.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResumableUploadTest {

  private static final long MAX_UPLOAD = 64L << 20;

  private TestNode node;
  private TusRequests tus;
  private Path temp;

  @BeforeAll
  void start(@TempDir Path temp) throws Exception {
    this.temp = temp;
    // No compute node: the jobs stay queued, their documents' hashes are what is checked.
    node = TestNode.start(temp.resolve("data"), TestNode.embedded(), false, MAX_UPLOAD);
    tus = new TusRequests(node.http);
  }

  @AfterAll
  void stop() {
    node.close();
  }

  private TusClient client(TusURLStore store) throws Exception {
    TusClient client = new TusClient();
    client.setUploadCreationURL(new URL(node.http.base + TusRequests.UPLOADS));
    client.enableResuming(store);
    client.setHeaders(Map.of("Authorization", "Bearer " + node.adminKey));
    return client;
  }

  @Test
  void the_java_tus_client_resumes_after_an_interruption_and_the_job_has_the_files_sha256()
      throws Exception {
    Path file = LargeTextFile.write(temp.resolve("large.txt"), 40L << 20, 1);
    TusURLStore store = new TusURLMemoryStore();
    TusUpload upload = new TusUpload(file.toFile());

    TusUploader first = client(store).resumeOrCreateUpload(upload);
    first.setChunkSize(1 << 20);
    first.setRequestPayloadSize(4 << 20);
    for (int chunk = 0; chunk < 10; chunk++) {
      assertThat(first.uploadChunk()).isPositive();
    }
    first.finish(); // the client stops here, as if the process had been killed
    String path = first.getUploadURL().getPath();
    long kept = tus.offset(path);
    assertThat(kept).isEqualTo(10L << 20);

    // A new run of the client: the same file, found again in its URL store by its fingerprint.
    TusUploader resumed = client(store).resumeOrCreateUpload(new TusUpload(file.toFile()));
    assertThat(resumed.getUploadURL()).isEqualTo(first.getUploadURL());
    assertThat(resumed.getOffset()).as("resumed from the server's offset").isEqualTo(kept);
    resumed.setChunkSize(1 << 20);
    resumed.setRequestPayloadSize(8 << 20);
    while (resumed.uploadChunk() > -1) {
      // on to the end
    }
    resumed.finish();
    assertThat(tus.offset(path)).isEqualTo(Files.size(file));

    HttpResponse<String> created =
        node.http.postJson(
            "/api/v1/jobs", "{\"upload\":\"" + resumed.getUploadURL() + "\",\"options\":{}}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    JsonNode job = json(node.http.get("/api/v1/jobs/" + json(created).get("id").asText()));
    assertThat(job.at("/document/sha256").asText()).isEqualTo(LargeTextFile.sha256(file));
    assertThat(job.at("/document/fileName").asText()).isEqualTo("large.txt");
    assertThat(job.at("/document/sizeBytes").asLong()).isEqualTo(Files.size(file));
  }

  @Test
  void options_tell_the_protocol_version_extensions_and_limits() throws Exception {
    HttpResponse<String> options =
        node.http.send(
            node.http
                .anonymous()
                .request(TusRequests.UPLOADS)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

    assertThat(options.statusCode()).isEqualTo(204);
    assertThat(options.headers().firstValue("Tus-Version")).contains("1.0.0");
    assertThat(options.headers().firstValue("Tus-Extension"))
        .contains("creation,creation-with-upload,termination,checksum,expiration");
    assertThat(options.headers().firstValue("Tus-Max-Size")).contains(Long.toString(MAX_UPLOAD));
    assertThat(options.headers().firstValue("Tus-Checksum-Algorithm")).contains("sha256");
  }

  @Test
  void another_protocol_version_is_refused_with_412_and_the_version_spoken() throws Exception {
    HttpResponse<String> refused =
        node.http.send(
            node.http
                .request(TusRequests.UPLOADS)
                .header("Tus-Resumable", "0.2.2")
                .header("Upload-Length", "10")
                .POST(HttpRequest.BodyPublishers.noBody()));

    problem(refused, 412, "TUS_VERSION_UNSUPPORTED");
    assertThat(refused.headers().firstValue("Tus-Version")).contains("1.0.0");
  }

  @Test
  void a_chunk_at_the_wrong_offset_is_refused_with_409() throws Exception {
    String upload = tus.create(100, "a.txt");
    assertThat(tus.patch(upload, 0, new byte[40]).statusCode()).isEqualTo(204);

    problem(tus.patch(upload, 0, new byte[40]), 409, "UPLOAD_OFFSET_MISMATCH");
    problem(tus.patch(upload, 60, new byte[40]), 409, "UPLOAD_OFFSET_MISMATCH");
    assertThat(tus.offset(upload)).isEqualTo(40);
  }

  @Test
  void a_chunk_that_fails_its_checksum_is_refused_with_460_and_discarded() throws Exception {
    byte[] content = "first half|second half".getBytes(StandardCharsets.US_ASCII);
    String upload = tus.create(content.length, "c.txt");
    byte[] head = TusRequests.slice(content, 0, 11);
    byte[] tail = TusRequests.slice(content, 11, content.length);

    HttpResponse<String> refused =
        tus.patch(upload, 0, head, TusRequests.sha256Checksum("something else".getBytes()));
    problem(refused, 460, "CHECKSUM_MISMATCH");
    assertThat(tus.offset(upload)).isZero();

    assertThat(tus.patch(upload, 0, head, TusRequests.sha256Checksum(head)).statusCode())
        .isEqualTo(204);
    HttpResponse<String> done = tus.patch(upload, 11, tail, TusRequests.sha256Checksum(tail));
    assertThat(done.statusCode()).isEqualTo(204);
    assertThat(done.headers().firstValue("Upload-Offset")).contains("" + content.length);
    problem(tus.patch(upload, 0, head, "md5 " + TusRequests.base64("x")), 400, "VALIDATION_FAILED");
  }

  @Test
  void creation_with_upload_takes_the_first_bytes_in_the_creating_request() throws Exception {
    byte[] content = "all of it at once".getBytes(StandardCharsets.US_ASCII);
    HttpResponse<String> created =
        node.http.send(
            node.http
                .request(TusRequests.UPLOADS)
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", "" + content.length)
                .header("Upload-Metadata", "filename " + TusRequests.base64("once.txt"))
                .header("Content-Type", "application/offset+octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(content)));

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("Upload-Offset")).contains("" + content.length);
    assertThat(created.headers().firstValue("Upload-Expires")).isPresent();
    assertThat(created.headers().firstValue("Tus-Resumable")).contains("1.0.0");
    HttpResponse<String> head = tus.head(TusRequests.pathOf(created));
    assertThat(head.headers().firstValue("Upload-Length")).contains("" + content.length);
    assertThat(head.headers().firstValue("Upload-Metadata"))
        .contains("filename " + TusRequests.base64("once.txt"));
    assertThat(head.headers().firstValue("Cache-Control")).contains("no-store");
  }

  @Test
  void an_empty_upload_is_complete_at_once_but_makes_no_job() throws Exception {
    String upload = tus.create(0, "empty.txt");

    assertThat(tus.offset(upload)).isZero();
    problem(
        node.http.postJson("/api/v1/jobs", "{\"upload\":\"" + upload + "\"}"), 400, "EMPTY_FILE");
  }

  @Test
  void uploads_beyond_the_size_limit_are_refused_with_413() throws Exception {
    problem(tus.createResponse(MAX_UPLOAD + 1, "huge.txt"), 413, "FILE_TOO_LARGE");

    String upload = tus.create(10, "ten.txt");
    problem(tus.patch(upload, 0, new byte[11]), 413, "FILE_TOO_LARGE");
    assertThat(tus.offset(upload)).isZero();
  }

  @Test
  void a_free_tier_key_is_held_to_its_tiers_file_size() throws Exception {
    HttpApi free =
        node.http.as(
            json(node.http.postJson("/api/v1/keys", "{\"name\":\"small\",\"tier\":\"FREE\"}"))
                .get("key")
                .asText());
    long freeLimit = 10L << 20; // the FREE tier's default

    problem(new TusRequests(free).createResponse(freeLimit + 1, "big.txt"), 413, "FILE_TOO_LARGE");
    assertThat(new TusRequests(free).createResponse(freeLimit, "fits.txt").statusCode())
        .isEqualTo(201);
  }

  @Test
  void an_upload_belongs_to_its_tenant_and_is_not_found_by_others() throws Exception {
    String upload = tus.upload("mine.txt", "private words".getBytes(StandardCharsets.US_ASCII));
    HttpApi other =
        node.http.as(
            json(node.http.postJson("/api/v1/keys", "{\"name\":\"other\",\"tier\":\"STANDARD\"}"))
                .get("key")
                .asText());
    TusRequests theirs = new TusRequests(other);

    assertThat(theirs.head(upload).statusCode()).isEqualTo(404);
    problem(theirs.patch(upload, 13, new byte[1]), 404, "NOT_FOUND");
    problem(theirs.delete(upload), 404, "NOT_FOUND");
    problem(other.postJson("/api/v1/jobs", "{\"upload\":\"" + upload + "\"}"), 404, "NOT_FOUND");
    assertThat(tus.offset(upload)).isEqualTo(13);
  }

  @Test
  void an_unfinished_upload_makes_no_job_and_a_terminated_one_is_gone() throws Exception {
    String upload = tus.create(100, "half.txt");
    tus.patch(upload, 0, "fifty".getBytes(StandardCharsets.US_ASCII));
    String id = upload.substring(upload.lastIndexOf('/') + 1);

    problem(
        node.http.postJson("/api/v1/jobs", "{\"upload\":\"" + id + "\"}"),
        409,
        "UPLOAD_NOT_FINISHED");

    assertThat(tus.delete(upload).statusCode()).isEqualTo(204);
    assertThat(tus.head(upload).statusCode()).isEqualTo(404);
    problem(node.http.postJson("/api/v1/jobs", "{\"upload\":\"" + id + "\"}"), 404, "NOT_FOUND");
  }

  @Test
  void a_connection_cut_mid_chunk_keeps_the_bytes_that_arrived() throws Exception {
    String upload = tus.create(1 << 20, "cut.txt");
    byte[] sent = new byte[300_000];
    java.util.Arrays.fill(sent, (byte) 'x');
    try (Socket socket = new Socket("127.0.0.1", node.port())) {
      OutputStream out = socket.getOutputStream();
      String head =
          "PATCH "
              + upload
              + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
              + node.adminKey
              + "\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\n"
              + "Content-Type: application/offset+octet-stream\r\nContent-Length: "
              + (1 << 20)
              + "\r\n\r\n";
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(sent);
      out.flush();
      // Closing the socket here is the dropped connection.
    }

    Eventually.await(
        "the received bytes are kept",
        Duration.ofSeconds(30),
        () -> tus.offset(upload) == sent.length);
    // The cut request may hold the upload a moment longer: 409 UPLOAD_IN_PROGRESS says retry.
    Eventually.await(
        "the upload resumed",
        Duration.ofSeconds(30),
        () -> tus.patch(upload, sent.length, new byte[10]).statusCode(),
        status -> status == 204);
    assertThat(tus.offset(upload)).isEqualTo(sent.length + 10);
  }
}
