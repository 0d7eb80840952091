package io.docgrid.node;

import static io.docgrid.node.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tus-js-client, the tus client of browsers and Node.js services, run with node: it uploads a large
 * file in chunks, goes away, and a second run resumes from the server's offset. The package is
 * installed from npm into target/ by the test (.ci/run provides node and npm).
 */
class TusJsClientIT {

  private static final String PACKAGE = "tus-js-client@4.3.1";
  private static final Path CLIENT_DIR = Path.of("target", "tus-js-client").toAbsolutePath();

  @Test
  void tus_js_client_resumes_an_interrupted_upload_and_the_job_has_the_files_sha256(
      @TempDir Path temp) throws Exception {
    assumeTrue(
        succeeds(List.of("node", "--version")) && succeeds(List.of("npm", "--version")),
        "node and npm are not on the PATH: .ci/run installs them (Debian's nodejs and npm)");
    Path script = installClient();
    Path file = LargeTextFile.write(temp.resolve("big-scan.txt"), 24L << 20, 5);

    try (TestNode node =
        TestNode.start(temp.resolve("data"), TestNode.embedded(), false, 64L << 20)) {
      String endpoint = node.http.base + TusRequests.UPLOADS;
      JsonNode stopped =
          HttpApi.JSON.readTree(
              run(
                  List.of(
                      "node",
                      script.toString(),
                      "start",
                      endpoint,
                      file.toString(),
                      node.adminKey,
                      "7")));
      String url = stopped.get("url").asText();
      long kept =
          new TusRequests(node.http).offset(url.substring(url.indexOf(TusRequests.UPLOADS)));
      assertThat(kept).isEqualTo(7L << 20).isLessThan(Files.size(file));

      JsonNode finished =
          HttpApi.JSON.readTree(
              run(
                  List.of(
                      "node", script.toString(), "resume", url, file.toString(), node.adminKey)));
      assertThat(finished.get("done").asBoolean()).isTrue();
      assertThat(finished.get("resumedFrom").asLong())
          .as("resumed from the server's offset")
          .isEqualTo(kept);

      HttpResponse<String> created =
          node.http.postJson("/api/v1/jobs", "{\"upload\":\"" + url + "\"}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
      JsonNode job = json(node.http.get("/api/v1/jobs/" + json(created).get("id").asText()));
      assertThat(job.at("/document/sha256").asText()).isEqualTo(LargeTextFile.sha256(file));
      assertThat(job.at("/document/fileName").asText()).isEqualTo("big-scan.txt");
    }
  }

  /** Installs the client once into target/, next to the script that drives it. */
  private static Path installClient() throws Exception {
    Files.createDirectories(CLIENT_DIR);
    Path script = CLIENT_DIR.resolve("resume-upload.cjs");
    try (InputStream in = TusJsClientIT.class.getResourceAsStream("/tus/resume-upload.cjs")) {
      Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
    }
    if (!Files.isDirectory(CLIENT_DIR.resolve("node_modules").resolve("tus-js-client"))) {
      run(
          List.of(
              "npm",
              "install",
              "--no-audit",
              "--no-fund",
              "--no-save",
              "--prefix",
              CLIENT_DIR.toString(),
              PACKAGE));
    }
    return script;
  }

  private static boolean succeeds(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /** Runs {@code command} in the client's directory; its standard output's last line. */
  private static String run(List<String> command) throws Exception {
    Process process =
        new ProcessBuilder(new ArrayList<>(command))
            .directory(CLIENT_DIR.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("%s finished", command).isTrue();
    assertThat(process.exitValue()).as("%s: %s", command, out).isZero();
    String[] lines = out.strip().split("\n");
    return lines[lines.length - 1];
  }
}
