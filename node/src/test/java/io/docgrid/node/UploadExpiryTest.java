package io.docgrid.node;

import static io.docgrid.node.HttpApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.node.config.BlobStoreConfig;
import io.docgrid.node.config.NodeConfig;
import io.docgrid.node.config.SecurityConfig;
import io.docgrid.testkit.Eventually;
import io.docgrid.testkit.FreePorts;
import io.docgrid.testkit.SettableClock;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tus expiration: past --upload-expiry an upload is gone for its client (410 until swept, then
 * 404), and the housekeeping sweep deletes its row and its bytes, and bytes no row refers to.
 */
class UploadExpiryTest {

  private static final Duration EXPIRY = Duration.ofSeconds(8);

  @Test
  void an_expired_upload_answers_gone_and_its_bytes_are_swept(@TempDir Path temp) throws Exception {
    NodeConfig defaults =
        TestNode.config(
            temp.resolve("data"),
            temp.resolve("data").resolve("blobs"),
            TestNode.embedded(),
            false,
            1 << 20,
            FreePorts.block(5),
            SecurityConfig.defaults(),
            BlobStoreConfig.local());
    Path staging = temp.resolve("staging");
    NodeConfig.ApiConfig api = defaults.api();
    NodeConfig config =
        TestNode.withApi(
            defaults,
            new NodeConfig.ApiConfig(
                api.host(),
                api.port(),
                api.maxUploadBytes(),
                api.maxQueuedJobs(),
                api.trustedProxies(),
                EXPIRY,
                staging));
    SettableClock clock = new SettableClock();
    try (TestNode node = TestNode.start(config, clock)) {
      TusRequests tus = new TusRequests(node.http);
      String upload = tus.create(100, "slow.txt");
      assertThat(tus.patch(upload, 0, new byte[40]).statusCode()).isEqualTo(204);
      String id = upload.substring(upload.lastIndexOf('/') + 1);
      assertThat(staging.resolve(id)).hasSize(40);
      Path orphan = Files.write(staging.resolve(UUID.randomUUID().toString()), new byte[7]);

      clock.advance(EXPIRY.plusSeconds(2));

      HttpResponse<String> late = tus.patch(upload, 40, new byte[10]);
      assertThat(late.statusCode()).isIn(410, 404);
      if (late.statusCode() == 410) {
        problem(late, 410, "UPLOAD_EXPIRED");
      }
      assertThat(node.http.postJson("/api/v1/jobs", "{\"upload\":\"" + id + "\"}").statusCode())
          .isIn(410, 404);
      Eventually.await(
          "the expired upload swept",
          Duration.ofSeconds(30),
          () -> tus.head(upload).statusCode() == 404 && !Files.exists(staging.resolve(id)));
      Eventually.await(
          "bytes of no upload swept", Duration.ofSeconds(30), () -> !Files.exists(orphan));
    }
  }

  @Test
  void an_upload_within_its_expiry_says_when_it_expires(@TempDir Path temp) throws Exception {
    try (TestNode node =
        TestNode.start(temp.resolve("data"), TestNode.embedded(), false, 1 << 20)) {
      HttpResponse<String> created = new TusRequests(node.http).createResponse(10, "a.txt");
      String expires = created.headers().firstValue("Upload-Expires").orElseThrow();
      var at =
          java.time.ZonedDateTime.parse(
                  expires, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
              .toInstant();
      assertThat(Duration.between(java.time.Instant.now(), at))
          .isBetween(Duration.ofHours(23), Duration.ofHours(24));
    }
  }
}
