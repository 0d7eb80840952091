package io.docgrid.node;

import static io.docgrid.node.HttpApi.json;
import static io.docgrid.node.HttpApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docgrid.node.wiring.FirstAdminKey;
import io.docgrid.testkit.FreePorts;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docgrid admin keys …} against a real node over HTTP, and {@code docgrid keys bootstrap} on
 * a real database; the commands run in this JVM with an environment of the test's own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminCliTest {

  private static final Pattern SECRET = Pattern.compile("dg_live_[0-9a-f]{16}_[A-Za-z0-9_-]{43}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private Path dataDir;
  private TestNode node;
  private String url;

  @BeforeAll
  void start(@TempDir Path temp) throws Exception {
    dataDir = temp.resolve("data");
    node = TestNodeConfig.in(dataDir).maxUpload(10 << 20).start();
    url = "http://127.0.0.1:" + node.port();
  }

  @AfterAll
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  /** The new key's secret that {@code created} printed. */
  private static String secretIn(CommandRun created) {
    Matcher match = SECRET.matcher(created.out());
    assertThat(match.find()).as("a key in: %s", created.out()).isTrue();
    return match.group();
  }

  @Test
  void jobs_of_every_tenant_are_listed_shown_and_cancelled() throws Exception {
    JsonNode tenant = createKey("jobs tenant");
    HttpResponse<String> accepted =
        new HttpApi(url).as(tenant.get("key").asText()).submit("t.txt", "queued".getBytes(), null);
    String id = JSON.readTree(accepted.body()).get("id").asText();

    CommandRun list = asAdmin("admin", "jobs", "list");
    assertThat(list.exitCode()).as(list.err()).isZero();
    assertThat(list.out()).contains("ID", "STATUS", id, "t.txt");
    CommandRun show = asAdmin("admin", "jobs", "show", id, "--output", "json");
    assertThat(JSON.readTree(show.out()).get("id").asText()).isEqualTo(id);
    CommandRun cancel = asAdmin("admin", "jobs", "cancel", id);
    assertThat(cancel.exitCode()).as(cancel.err()).isZero();
    assertThat(cancel.out()).contains("cancelled");
    CommandRun retry = asAdmin("admin", "jobs", "retry", id);
    assertThat(retry.exitCode()).as(retry.err()).isZero();
    assertThat(retry.out()).contains("queued");
    CommandRun again = asAdmin("admin", "jobs", "retry", id);
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("JOB_NOT_RETRYABLE");
    CommandRun unknown = asAdmin("admin", "jobs", "show", UUID.randomUUID().toString());
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("NOT_FOUND");
  }

  @Test
  void webhook_endpoints_are_created_listed_rotated_and_deleted() throws Exception {
    // Subscribed to batch events only, and never tested: this node sends nothing anywhere.
    CommandRun created =
        asAdmin(
            "admin",
            "webhooks",
            "create",
            "https://hooks.example.invalid/in",
            "--events",
            "batch.completed",
            "--description",
            "cli",
            "--output",
            "json");
    assertThat(created.exitCode()).as(created.err()).isZero();
    JsonNode webhook = JSON.readTree(created.out());
    String id = webhook.get("id").asText();
    assertThat(webhook.get("secret").asText()).startsWith("whsec_");

    CommandRun list = asAdmin("admin", "webhooks", "list");
    assertThat(list.out())
        .contains("ID", "URL", id, "https://hooks.example.invalid/in", "batch.completed");
    CommandRun rotated = asAdmin("admin", "webhooks", "rotate-secret", id);
    assertThat(rotated.out()).contains("Signing secret (shown once): whsec_");
    CommandRun deliveries = asAdmin("admin", "webhooks", "deliveries", id);
    assertThat(deliveries.out()).contains("No deliveries.");
    CommandRun refused = asAdmin("admin", "webhooks", "create", "http://169.254.169.254/");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("VALIDATION_FAILED");
    CommandRun deleted = asAdmin("admin", "webhooks", "delete", id);
    assertThat(deleted.exitCode()).as(deleted.err()).isZero();
    assertThat(asAdmin("admin", "webhooks", "list").out()).contains("No webhook endpoints.");
  }

  @Test
  void the_quarantine_is_listed_and_releasing_what_is_not_there_is_an_error() {
    CommandRun empty = asAdmin("admin", "quarantine", "list");
    assertThat(empty.exitCode()).as(empty.err()).isZero();
    assertThat(empty.out()).contains("No quarantined documents.");
    CommandRun json = asAdmin("admin", "quarantine", "list", "--output", "json");
    assertThat(json.out()).contains("\"documents\":[]");
    CommandRun unknown = asAdmin("admin", "quarantine", "release", "ab".repeat(32));
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("NOT_FOUND");
    CommandRun malformed = asAdmin("admin", "quarantine", "release", "not-a-hash");
    assertThat(malformed.exitCode()).isEqualTo(1);
    assertThat(malformed.err()).contains("VALIDATION_FAILED");
  }

  @Test
  void cluster_status_lists_the_nodes_and_the_queue() throws Exception {
    CommandRun json = asAdmin("admin", "cluster", "status", "--output", "json");
    assertThat(json.exitCode()).as(json.err()).isZero();
    JsonNode cluster = JSON.readTree(json.out());
    assertThat(cluster.get("nodes")).hasSize(1);
    JsonNode only = cluster.get("nodes").get(0);
    assertThat(only.get("local").asBoolean()).isTrue();
    assertThat(only.get("roles")).extracting(JsonNode::asText).containsExactly("api");
    assertThat(only.get("heapMaxBytes").asLong()).isPositive();
    assertThat(only.get("gpus")).as("a node without GPUs").isEmpty();
    assertThat(cluster.at("/jobs/queued").asLong()).isNotNegative();

    CommandRun table = asAdmin("admin", "cluster", "status");
    assertThat(table.exitCode()).isZero();
    assertThat(table.out()).contains("NODE", "ROLES", "api", "GPUS", "Jobs queued:");
  }

  @Test
  void only_compute_nodes_can_be_drained() throws Exception {
    JsonNode self = JSON.readTree(asAdmin("admin", "cluster", "status", "--output", "json").out());
    String apiOnly = self.at("/nodes/0/id").asText();

    CommandRun refused = asAdmin("admin", "nodes", "drain", apiOnly);
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("NOT_A_COMPUTE_NODE", "runs no document jobs");
    CommandRun unknown = asAdmin("admin", "nodes", "drain", UUID.randomUUID().toString());
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("NOT_FOUND");
    assertThat(asAdmin("admin", "nodes", "drain", "not-a-node").exitCode()).isEqualTo(2);

    HttpApi http = new HttpApi(url).as(node.adminKey);
    HttpResponse<String> conflict =
        http.post(
            "/api/v1/cluster/nodes/" + apiOnly + "/drain", "application/json", new byte[0], null);
    problem(conflict, 409, "NOT_A_COMPUTE_NODE");
    HttpResponse<String> malformed =
        http.post("/api/v1/cluster/nodes/nope/drain", "application/json", new byte[0], null);
    problem(malformed, 400, "VALIDATION_FAILED");
    JsonNode tenant = createKey("drain tenant");
    HttpResponse<String> forbidden =
        api(tenant.get("key").asText())
            .post(
                "/api/v1/cluster/nodes/" + apiOnly + "/drain",
                "application/json",
                new byte[0],
                null);
    problem(forbidden, 403, "INSUFFICIENT_SCOPE");
    assertThat(self.at("/nodes/0/draining").asBoolean()).isFalse();
  }

  private static CommandRun docgrid(Map<String, String> environment, String... args) {
    return CommandRun.of(environment, args);
  }

  /** An environment that points the commands at the test node, with its first admin key. */
  private Map<String, String> admin() {
    return Map.of("DOCGRID_URL", url, "DOCGRID_API_KEY", node.adminKey);
  }

  private CommandRun asAdmin(String... args) {
    return docgrid(admin(), args);
  }

  /** Creates a key through the CLI and returns the server's JSON for it. */
  private JsonNode createKey(String name, String... options) throws Exception {
    List<String> args = new ArrayList<>(List.of("admin", "keys", "create", "--name", name));
    args.addAll(List.of(options));
    args.addAll(List.of("--output", "json"));
    CommandRun created = asAdmin(args.toArray(String[]::new));
    assertThat(created.exitCode()).as(created.err()).isZero();
    return JSON.readTree(created.out());
  }

  private HttpApi api(String credential) {
    return new HttpApi(url).as(credential);
  }

  @Test
  void cache_stats_and_purge_talk_to_the_cache_routes() throws Exception {
    CommandRun json = asAdmin("admin", "cache", "stats", "--output", "json");
    assertThat(json.exitCode()).as(json.err()).isZero();
    JsonNode stats = JSON.readTree(json.out());
    assertThat(stats.get("enabled").asBoolean()).isTrue();
    assertThat(stats.get("entries").asLong()).isNotNegative();
    assertThat(stats.at("/nearCache/maxBytes").asLong()).isPositive();

    CommandRun table = asAdmin("admin", "cache", "stats");
    assertThat(table.exitCode()).isZero();
    assertThat(table.out()).contains("ENTRIES", "HIT RATE", "cluster", "near cache");

    String sha256 = "ab".repeat(32);
    CommandRun one = asAdmin("admin", "cache", "purge", "--sha256", sha256);
    assertThat(one.exitCode()).as(one.err()).isZero();
    assertThat(one.out()).contains("Purged 0 cached results of document " + sha256);
    CommandRun all = asAdmin("admin", "cache", "purge", "--all", "--output", "json");
    assertThat(JSON.readTree(all.out()).get("removed").asLong()).isZero();

    CommandRun invalid = asAdmin("admin", "cache", "purge", "--sha256", "abc");
    assertThat(invalid.exitCode()).isEqualTo(1);
    assertThat(invalid.err()).contains("VALIDATION_FAILED");
    assertThat(asAdmin("admin", "cache", "purge").exitCode()).isEqualTo(2);
    assertThat(asAdmin("admin", "cache", "purge", "--all", "--sha256", sha256).exitCode())
        .isEqualTo(2);
  }

  @Test
  void create_prints_the_key_once_in_a_table_and_the_key_works() throws Exception {
    CommandRun created =
        asAdmin(
            "admin",
            "keys",
            "create",
            "--name",
            "ci upload",
            "--tier",
            "enterprise",
            "--scope",
            "jobs:read",
            "--scope",
            "jobs:write",
            "--expires-at",
            "2099-01-01T00:00:00Z",
            "--owner",
            "team-a");

    assertThat(created.exitCode()).as(created.err()).isZero();
    assertThat(created.err()).isEmpty();
    assertThat(created.out())
        .contains("ci upload", "ENTERPRISE", "jobs:read,jobs:write", "team-a")
        .contains("2099-01-01T00:00:00Z")
        .containsPattern("id\\s+[0-9a-f-]{36}")
        .containsPattern("prefix\\s+[0-9a-f]{16}")
        .contains("only time the key is shown");
    String secret = secretIn(created);
    assertThat(created.out()).contains(secret.substring(8, 24)); // the prefix

    JsonNode me = json(api(secret).get("/api/v1/keys/me"));
    assertThat(me.path("tier").asText()).isEqualTo("ENTERPRISE");
    assertThat(me.path("scopes").toString()).contains("jobs:read", "jobs:write");
    assertThat(me.at("/key/name").asText()).isEqualTo("ci upload");
    assertThat(me.at("/key/owner").asText()).isEqualTo("team-a");
  }

  @Test
  void create_with_json_output_prints_the_servers_json_as_is() throws Exception {
    CommandRun created =
        asAdmin("admin", "keys", "create", "--name", "json key", "--output", "json");

    assertThat(created.exitCode()).as(created.err()).isZero();
    assertThat(created.err()).isEmpty();
    JsonNode key = JSON.readTree(created.out());
    assertThat(key.path("name").asText()).isEqualTo("json key");
    assertThat(key.path("tier").asText()).isEqualTo("STANDARD");
    assertThat(key.path("key").asText()).matches(SECRET);
    assertThat(key.path("createdAt").asText()).isNotEmpty();
    assertThat(api(key.path("key").asText()).get("/api/v1/keys/me").statusCode()).isEqualTo(200);
  }

  @Test
  void list_and_show_describe_the_key_without_its_secret() throws Exception {
    JsonNode key = createKey("listed key", "--scope", "jobs:read");
    String id = key.path("id").asText();

    CommandRun list = asAdmin("admin", "keys", "list");
    assertThat(list.exitCode()).as(list.err()).isZero();
    assertThat(list.out().lines().findFirst().orElseThrow())
        .containsSubsequence(
            "ID", "PREFIX", "NAME", "TIER", "SCOPES", "STATUS", "CREATED", "LAST USED", "EXPIRES");
    assertThat(list.out().lines().filter(line -> line.startsWith(id)).findFirst())
        .hasValueSatisfying(
            row ->
                assertThat(row)
                    .contains(key.path("prefix").asText(), "listed key", "STANDARD", "jobs:read")
                    .contains("active"));
    assertThat(list.out()).doesNotContain("dg_live_");

    CommandRun listJson = asAdmin("admin", "keys", "list", "--output", "json");
    assertThat(JSON.readTree(listJson.out()).path("keys").findValuesAsText("id")).contains(id);

    CommandRun show = asAdmin("admin", "keys", "show", id);
    assertThat(show.exitCode()).as(show.err()).isZero();
    assertThat(show.out())
        .containsPattern("name\\s+listed key")
        .containsPattern("status\\s+active")
        .containsPattern("revoked\\s+-")
        .doesNotContain("dg_live_");
  }

  @Test
  void rotate_gives_a_new_secret_and_the_old_one_stops_working() throws Exception {
    JsonNode key = createKey("rotated key");
    String oldSecret = key.path("key").asText();

    CommandRun rotated = asAdmin("admin", "keys", "rotate", key.path("id").asText());

    assertThat(rotated.exitCode()).as(rotated.err()).isZero();
    assertThat(rotated.out()).contains("only time the key is shown");
    String newSecret = secretIn(rotated);
    assertThat(newSecret).isNotEqualTo(oldSecret);
    assertThat(api(oldSecret).get("/api/v1/keys/me").statusCode()).isEqualTo(401);
    assertThat(api(newSecret).get("/api/v1/keys/me").statusCode()).isEqualTo(200);
  }

  @Test
  void revoke_stops_the_key_at_once() throws Exception {
    JsonNode key = createKey("revoked key");
    String secret = key.path("key").asText();
    assertThat(api(secret).get("/api/v1/keys/me").statusCode()).isEqualTo(200);

    CommandRun revoked = asAdmin("admin", "keys", "revoke", key.path("id").asText());

    assertThat(revoked.exitCode()).as(revoked.err()).isZero();
    assertThat(revoked.out()).containsPattern("status\\s+revoked");
    problem(api(secret).get("/api/v1/keys/me"), 401, "CREDENTIALS_REVOKED");

    CommandRun rotateRevoked = asAdmin("admin", "keys", "rotate", key.path("id").asText());
    assertThat(rotateRevoked.exitCode()).isEqualTo(1);
    assertThat(rotateRevoked.err()).contains("KEY_REVOKED");
  }

  @Test
  void an_unknown_key_is_a_one_line_error_with_code_and_request_id() {
    CommandRun show = asAdmin("admin", "keys", "show", UUID.randomUUID().toString());

    assertThat(show.exitCode()).isEqualTo(1);
    assertThat(show.out()).isEmpty();
    assertThat(show.errLines()).hasSize(1);
    assertThat(show.err()).matches("error: .+ \\(NOT_FOUND, request [0-9a-f-]+\\)\\R");
  }

  @Test
  void errors_go_to_stderr_in_json_mode_too() {
    CommandRun show =
        asAdmin("admin", "keys", "revoke", UUID.randomUUID().toString(), "--output", "json");

    assertThat(show.exitCode()).isEqualTo(1);
    assertThat(show.out()).isEmpty();
    assertThat(show.err()).startsWith("error: ").contains("NOT_FOUND");
  }

  @Test
  void a_key_without_the_admin_scope_is_refused() throws Exception {
    String jobsKey = createKey("jobs only").path("key").asText();

    CommandRun list =
        docgrid(Map.of("DOCGRID_URL", url, "DOCGRID_API_KEY", jobsKey), "admin", "keys", "list");

    assertThat(list.exitCode()).isEqualTo(1);
    assertThat(list.out()).isEmpty();
    assertThat(list.errLines()).hasSize(1);
    assertThat(list.err()).startsWith("error: ").contains("(INSUFFICIENT_SCOPE, request ");
  }

  @Test
  void a_server_that_is_not_there_is_one_line() {
    int closed = FreePorts.block(1);

    CommandRun list =
        docgrid(
            Map.of("DOCGRID_API_KEY", node.adminKey),
            "admin",
            "keys",
            "list",
            "--url",
            "http://127.0.0.1:" + closed,
            "--timeout",
            "5s");

    assertThat(list.exitCode()).isEqualTo(1);
    assertThat(list.out()).isEmpty();
    assertThat(list.errLines()).hasSize(1);
    assertThat(list.err()).startsWith("error: cannot connect to http://127.0.0.1:" + closed);
  }

  @Test
  void without_a_key_the_command_says_how_to_give_one() {
    CommandRun list = docgrid(Map.of("DOCGRID_URL", url), "admin", "keys", "list");

    assertThat(list.exitCode()).isEqualTo(2);
    assertThat(list.out()).isEmpty();
    assertThat(list.errLines()).hasSize(1);
    assertThat(list.err()).contains("no API key", "DOCGRID_API_KEY", "--api-key-file");
  }

  @Test
  void the_key_file_wins_over_the_environment(@TempDir Path temp) throws Exception {
    Path keyFile = temp.resolve("admin.key");
    Files.writeString(keyFile, node.adminKey + "\n");
    Map<String, String> wrongKey = Map.of("DOCGRID_URL", url, "DOCGRID_API_KEY", "dg_live_wrong");

    CommandRun list =
        docgrid(wrongKey, "admin", "keys", "list", "--api-key-file", keyFile.toString());
    assertThat(list.exitCode()).as(list.err()).isZero();

    CommandRun refused = docgrid(wrongKey, "admin", "keys", "list");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("INVALID_CREDENTIALS");
  }

  @Test
  void usage_errors_exit_with_2() {
    assertThat(asAdmin("admin", "keys", "create").exitCode()).isEqualTo(2);
    assertThat(asAdmin("admin", "keys", "show", "not-a-uuid").exitCode()).isEqualTo(2);
    assertThat(asAdmin("admin", "keys", "create", "--name", "x", "--tier", "GOLD").exitCode())
        .isEqualTo(2);
    assertThat(asAdmin("admin", "keys", "list", "--url", "ftp://127.0.0.1").exitCode())
        .isEqualTo(2);
    assertThat(asAdmin("admin", "keys").exitCode()).isEqualTo(2);
  }

  @Test
  void bootstrap_makes_an_admin_key_that_a_node_then_accepts(@TempDir Path temp) throws Exception {
    Path fresh = temp.resolve("fresh");
    Files.createDirectories(fresh);
    Path keyFile = fresh.resolve("bootstrap.key");

    CommandRun toFile =
        docgrid(
            Map.of(),
            "keys",
            "bootstrap",
            "--data-dir",
            fresh.toString(),
            "--output-file",
            keyFile.toString());
    assertThat(toFile.exitCode()).as(toFile.err()).isZero();
    assertThat(toFile.out().strip()).isEqualTo(keyFile.toAbsolutePath().toString());
    assertThat(Files.getPosixFilePermissions(keyFile))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    String fromFile = Files.readString(keyFile, StandardCharsets.US_ASCII).strip();
    assertThat(fromFile).matches(SECRET);

    // A second one, although an admin key exists now: the way back in when it is lost.
    CommandRun toStdout = docgrid(Map.of(), "keys", "bootstrap", "--data-dir", fresh.toString());
    assertThat(toStdout.exitCode()).as(toStdout.err()).isZero();
    assertThat(toStdout.out().strip()).matches(SECRET).isNotEqualTo(fromFile);
    assertThat(toStdout.err()).contains("shown only this once");

    try (TestNode started = TestNodeConfig.in(fresh).maxUpload(10 << 20).start()) {
      assertThat(started.adminKey).isNull();
      assertThat(fresh.resolve(FirstAdminKey.FILE_NAME)).doesNotExist();
      for (String key : List.of(fromFile, toStdout.out().strip())) {
        JsonNode me =
            json(new HttpApi("http://127.0.0.1:" + started.port()).as(key).get("/api/v1/keys/me"));
        assertThat(me.path("scopes").toString()).contains("admin");
        assertThat(me.path("tier").asText()).isEqualTo("ENTERPRISE");
      }
      CommandRun list =
          docgrid(
              Map.of(
                  "DOCGRID_URL", "http://127.0.0.1:" + started.port(), "DOCGRID_API_KEY", fromFile),
              "admin",
              "keys",
              "list");
      assertThat(list.exitCode()).as(list.err()).isZero();
      assertThat(list.out().lines().filter(line -> line.contains("bootstrap admin key")))
          .hasSize(2);
    }
  }

  @Test
  void bootstrap_checks_its_options_before_it_opens_the_database(@TempDir Path temp)
      throws Exception {
    Path existing = Files.writeString(temp.resolve("taken.key"), "keep me");

    CommandRun refused =
        docgrid(
            Map.of(),
            "keys",
            "bootstrap",
            "--data-dir",
            temp.resolve("data").toString(),
            "--output-file",
            existing.toString(),
            "--name",
            "no\ttabs");

    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).contains("--output-file", "exists", "--name");
    assertThat(existing).hasContent("keep me");
    assertThat(temp.resolve("data")).doesNotExist();
  }

  @Test
  void bootstrap_refuses_while_a_node_holds_the_embedded_database(@TempDir Path temp)
      throws Exception {
    // H2 lets every connection in one JVM share an open database; only another process is locked
    // out, as the command would be next to a running `docgrid serve`.
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty(
                    "surefire.test.class.path", System.getProperty("java.class.path")),
                Main.class.getName(),
                "keys",
                "bootstrap",
                "--data-dir",
                dataDir.toString()));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(name -> name.startsWith("DOCGRID_"));
    Path outFile = temp.resolve("out.txt");
    Path errFile = temp.resolve("err.txt");
    Process process =
        builder.redirectOutput(outFile.toFile()).redirectError(errFile.toFile()).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = Files.readString(outFile);
    String err = Files.readString(errFile);

    assertThat(process.exitValue()).as(err).isEqualTo(1);
    assertThat(err.lines().toList()).as(err).hasSize(1);
    assertThat(err).startsWith("error: ").contains("in use by a running node");
    assertThat(out).doesNotContain("dg_live_");
    assertThat(json(node.http.get("/api/v1/keys")).path("keys").findValuesAsText("name"))
        .doesNotContain("bootstrap admin key");
  }
}
