import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Submits a document, waits for it, prints its text: {@code java examples/Submit.java FILE} (Java
 * 11+, no dependencies). Needs DOCGRID_API_KEY; DOCGRID_URL defaults to http://127.0.0.1:8080.
 */
public class Submit {

  private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
  private static final Pattern STATUS = Pattern.compile("\"status\":\"([a-z]+)\"");

  public static void main(String[] args) throws IOException, InterruptedException {
    String url = System.getenv().getOrDefault("DOCGRID_URL", "http://127.0.0.1:8080");
    String auth = "Bearer " + System.getenv("DOCGRID_API_KEY");
    Path file = Path.of(args[0]);
    HttpClient http = HttpClient.newHttpClient();

    String boundary = "docgrid-" + UUID.randomUUID();
    byte[] head =
        ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + file.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    HttpRequest submit =
        HttpRequest.newBuilder(URI.create(url + "/api/v1/jobs"))
            .header("Authorization", auth)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .header("Prefer", "wait=60")
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .POST(
                HttpRequest.BodyPublishers.concat(
                    HttpRequest.BodyPublishers.ofByteArray(head),
                    HttpRequest.BodyPublishers.ofFile(file),
                    HttpRequest.BodyPublishers.ofByteArray(tail)))
            .build();
    HttpResponse<String> answer = http.send(submit, HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200 && answer.statusCode() != 202) {
      fail(answer.body()); // problem JSON: code, detail, requestId
    }
    String id = first(ID, answer.body());
    String job = answer.body();
    // 200: finished within the wait; 202: still running, so long-poll until it finishes.
    while (List.of("queued", "running").contains(first(STATUS, job))) {
      job =
          http.send(
                  HttpRequest.newBuilder(URI.create(url + "/api/v1/jobs/" + id))
                      .header("Authorization", auth)
                      .header("Prefer", "wait=60")
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
    }
    if (!first(STATUS, job).equals("succeeded")) {
      fail(job);
    }
    HttpRequest result =
        HttpRequest.newBuilder(URI.create(url + "/api/v1/jobs/" + id + "/result?format=text"))
            .header("Authorization", auth)
            .build();
    System.out.println(http.send(result, HttpResponse.BodyHandlers.ofString()).body());
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
