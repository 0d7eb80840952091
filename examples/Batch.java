import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Submits several documents as one batch, waits for the batch to complete, prints each job's text:
 * {@code java examples/Batch.java FILE...} (Java 11+, no dependencies). Needs DOCGRID_API_KEY;
 * DOCGRID_URL defaults to http://127.0.0.1:8080.
 */
public class Batch {

  private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
  private static final Pattern JOB_IDS = Pattern.compile("\"jobIds\":\\[([^]]*)]");
  private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");
  private static final Pattern STATUS = Pattern.compile("\"status\":\"([a-z]+)\"");
  private static final Pattern FILE_NAME = Pattern.compile("\"fileName\":\"([^\"]*)\"");

  private static final String URL =
      System.getenv().getOrDefault("DOCGRID_URL", "http://127.0.0.1:8080");
  private static final String AUTH = "Bearer " + System.getenv("DOCGRID_API_KEY");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  public static void main(String[] args) throws IOException, InterruptedException {
    // One multipart body, a part named file for each document.
    String boundary = "docgrid-" + UUID.randomUUID();
    List<HttpRequest.BodyPublisher> parts = new ArrayList<>();
    for (String file : args) {
      parts.add(
          text(
              "--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                  + Path.of(file).getFileName()
                  + "\"\r\n\r\n"));
      parts.add(HttpRequest.BodyPublishers.ofFile(Path.of(file)));
      parts.add(text("\r\n"));
    }
    parts.add(text("--" + boundary + "--\r\n"));
    HttpResponse<String> answer =
        HTTP.send(
            request("/api/v1/batches")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(
                    HttpRequest.BodyPublishers.concat(
                        parts.toArray(HttpRequest.BodyPublisher[]::new)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 202) {
      fail(answer.body()); // problem JSON: code, detail, requestId
    }
    if (answer.body().contains("\"problem\":{")) {
      System.err.println(answer.body()); // files that did not become jobs, with their problems
    }
    String batch = first(ID, answer.body());

    // The batch is "running" until every job has ended, then "completed".
    while (!first(STATUS, get("/api/v1/batches/" + batch)).equals("completed")) {
      Thread.sleep(1000);
    }
    Matcher jobIds = QUOTED.matcher(first(JOB_IDS, answer.body()));
    while (jobIds.find()) {
      String id = jobIds.group(1);
      String job = get("/api/v1/jobs/" + id);
      String status = first(STATUS, job);
      System.out.println("--- " + first(FILE_NAME, job) + " (job " + id + ", " + status + ")");
      if (status.equals("succeeded")) {
        System.out.println(get("/api/v1/jobs/" + id + "/result?format=text"));
      }
    }
  }

  private static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(URL + path)).header("Authorization", AUTH);
  }

  private static String get(String path) throws IOException, InterruptedException {
    HttpResponse<String> answer =
        HTTP.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      fail(answer.body());
    }
    return answer.body();
  }

  private static HttpRequest.BodyPublisher text(String text) {
    return HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8);
  }

  private static String first(Pattern pattern, String json) {
    Matcher match = pattern.matcher(json);
    if (!match.find()) {
      fail(json);
    }
    return match.group(1);
  }

  private static void fail(String body) {
    System.err.println(body);
    System.exit(1);
  }
}
