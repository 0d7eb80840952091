package io.docgrid.node;

import static io.docgrid.node.HttpApi.json;
import static io.docgrid.node.HttpApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docgrid.node.config.NodeConfig;
import io.docgrid.testkit.TestPages;
import java.awt.image.BufferedImage;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /api/v1/jobs/{id}/events: a job's progress as Server-Sent Events, resumable. */
class JobEventsTest {

  private static final int SCANNED_PAGES = 6;

  /** One event as received. */
  record Event(long id, String name, JsonNode data) {}

  @Test
  void a_multi_page_job_streams_progress_then_its_end_and_resumes_after_the_last_event_id(
      @TempDir Path temp) throws Exception {
    try (TestNode node =
        TestNodeConfig.in(temp.resolve("data")).compute(true).maxUpload(50 << 20).start()) {
      Random random = new Random(7);
      List<BufferedImage> scans = new ArrayList<>();
      for (int i = 0; i < SCANNED_PAGES; i++) {
        scans.add(TestPages.scan(0, 4, random));
      }
      String id =
          json(node.http.submit("scan.pdf", TestPages.scannedPdf(scans), "{\"ocr\":\"force\"}"))
              .get("id")
              .asText();

      // A first connection that goes away after its first event, then one that resumes after it.
      HttpResponse<Stream<String>> early =
          HttpClient.newHttpClient()
              .send(events(node, id, null).build(), HttpResponse.BodyHandlers.ofLines());
      Event first;
      try (Stream<String> lines = early.body()) {
        first = read(lines.iterator(), true).get(0);
      }
      List<Event> afterFirst = stream(node, id, String.valueOf(first.id()));
      assertThat(afterFirst).allMatch(event -> event.id() > first.id());
      assertThat(afterFirst.get(afterFirst.size() - 1).name()).isEqualTo("succeeded");

      List<Event> events = new ArrayList<>(List.of(first));
      events.addAll(afterFirst);

      Event last = events.get(events.size() - 1);
      assertThat(last.name()).isEqualTo("succeeded");
      assertThat(last.data().get("id").asText()).isEqualTo(id);
      assertThat(last.data().at("/pages/done").asInt()).isEqualTo(SCANNED_PAGES);
      List<Event> progress = events.subList(0, events.size() - 1);
      assertThat(progress).isNotEmpty().allMatch(event -> event.name().equals("progress"));
      assertThat(progress.get(0).data().at("/pages/done").asInt()).isLessThan(SCANNED_PAGES);
      assertThat(events.stream().mapToLong(Event::id).toArray()).isSorted().doesNotHaveDuplicates();
      assertThat(last.id()).isEqualTo(SCANNED_PAGES + 1);

      // Once the job has ended, resumed after a progress event: the end only.
      Event resumeAfter = progress.get(0);
      List<Event> resumed = stream(node, id, String.valueOf(resumeAfter.id()));
      assertThat(resumed).extracting(Event::name).containsExactly("succeeded");
      assertThat(resumed.get(0).id()).isEqualTo(last.id());
    }
  }

  @Test
  void event_streams_are_authenticated_tenant_scoped_and_bounded(@TempDir Path temp)
      throws Exception {
    NodeConfig oneStream = TestNodeConfig.in(temp.resolve("data")).eventStreamsMax(1).build();
    try (TestNode node = TestNode.start(oneStream)) {
      // Nothing computes here: the job stays queued and its stream open.
      String id = json(node.http.submit("a.txt", "queued".getBytes(), null)).get("id").asText();
      problem(
          node.http.anonymous().get("/api/v1/jobs/" + id + "/events"),
          401,
          "AUTHENTICATION_REQUIRED");
      HttpResponse<String> created =
          node.http.postJson("/api/v1/keys", "{\"name\":\"other\",\"tier\":\"STANDARD\"}");
      HttpApi other = node.http.as(json(created).get("key").asText());
      problem(other.get("/api/v1/jobs/" + id + "/events"), 404, "NOT_FOUND");

      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<Stream<String>> open =
          client.send(events(node, id, null).build(), HttpResponse.BodyHandlers.ofLines());
      Iterator<String> lines = open.body().iterator();
      assertThat(open.statusCode()).isEqualTo(200);
      assertThat(open.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
      assertThat(lines.next()).startsWith(": stream of job");

      HttpResponse<String> second = node.http.get("/api/v1/jobs/" + id + "/events");
      problem(second, 503, "TOO_MANY_EVENT_STREAMS");
      assertThat(second.headers().firstValue("Retry-After")).isPresent();

      // Cancelling ends the open stream with its final event.
      node.http.delete("/api/v1/jobs/" + id);
      List<Event> rest = read(lines, false);
      assertThat(rest.get(rest.size() - 1).name()).isEqualTo("cancelled");
    }
  }

  private static HttpRequest.Builder events(TestNode node, String jobId, String lastEventId) {
    HttpRequest.Builder request =
        node.http.request("/api/v1/jobs/" + jobId + "/events").timeout(Duration.ofMinutes(3));
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    return request;
  }

  private static List<Event> stream(TestNode node, String jobId, String lastEventId)
      throws Exception {
    HttpResponse<Stream<String>> response =
        HttpClient.newHttpClient()
            .send(events(node, jobId, lastEventId).build(), HttpResponse.BodyHandlers.ofLines());
    assertThat(response.statusCode()).isEqualTo(200);
    return read(response.body().iterator(), false);
  }

  /** Events until the final one (not named progress), which ends the stream, or the first one. */
  private static List<Event> read(Iterator<String> lines, boolean firstOnly) throws Exception {
    List<Event> events = new ArrayList<>();
    long id = -1;
    String name = null;
    String data = null;
    while (lines.hasNext()) {
      String line = lines.next();
      if (line.startsWith("id: ")) {
        id = Long.parseLong(line.substring(4));
      } else if (line.startsWith("event: ")) {
        name = line.substring(7);
      } else if (line.startsWith("data: ")) {
        data = line.substring(6);
      } else if (line.isEmpty() && name != null) {
        events.add(new Event(id, name, json(data)));
        if (firstOnly || !name.equals("progress")) {
          return events;
        }
        name = null;
      }
    }
    return events;
  }
}
