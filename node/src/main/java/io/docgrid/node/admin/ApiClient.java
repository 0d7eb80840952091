package io.docgrid.node.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docgrid.node.config.CommandFailure;
import io.docgrid.node.config.EnvironmentDefaults;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Calls one DocGrid server's API with one credential. A 2xx answer comes back as JSON; anything
 * else becomes a {@link CommandFailure} that tells the operator, in one line, what went wrong.
 */
public final class ApiClient {

  /** A successful answer: the body as the server sent it, and parsed. */
  public record Answer(String body, JsonNode json) {}

  private final URI base;
  private final String server;
  private final String credential;
  private final Duration timeout;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();

  ApiClient(URI base, String credential, Duration timeout) {
    this.base = base;
    this.server = base.toString().replaceAll("/$", "");
    this.credential = credential;
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  public Answer get(String path) {
    return send(request(path).GET());
  }

  /**
   * GETs {@code path} as a long poll ({@code Prefer: wait}): the server answers when the job ends,
   * or after {@code wait} at the latest.
   */
  public Answer poll(String path, Duration wait) {
    return send(
        request(path)
            .timeout(timeout.plus(wait))
            .header("Prefer", "wait=" + Math.max(1, wait.toSeconds()))
            .GET());
  }

  /** Submits {@code file} as a new job, with {@code options} (JSON) when not null. */
  public Answer submit(Path file, String options) {
    return submitFiles("/api/v1/jobs", List.of(file), options);
  }

  /** Submits {@code files} as one batch, with {@code options} (JSON) for all when not null. */
  public Answer submitBatch(List<Path> files, String options) {
    return submitFiles("/api/v1/batches", files, options);
  }

  /** POSTs the JSON {@code body} to {@code path}. */
  public Answer postJson(String path, Object body) {
    return post(path, body);
  }

  private Answer submitFiles(String path, List<Path> files, String options) {
    String boundary = "docgrid-" + UUID.randomUUID();
    StringBuilder head = new StringBuilder();
    if (options != null) {
      head.append("--")
          .append(boundary)
          .append("\r\nContent-Disposition: form-data; name=\"options\"\r\n")
          .append("Content-Type: application/json\r\n\r\n")
          .append(options)
          .append("\r\n");
    }
    List<HttpRequest.BodyPublisher> parts = new ArrayList<>();
    parts.add(HttpRequest.BodyPublishers.ofString(head.toString(), StandardCharsets.UTF_8));
    for (Path file : files) {
      String fileName = file.getFileName().toString().replaceAll("[\"\\r\\n\\\\]", "_");
      parts.add(
          HttpRequest.BodyPublishers.ofString(
              "--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                  + fileName
                  + "\"\r\nContent-Type: application/octet-stream\r\n\r\n",
              StandardCharsets.UTF_8));
      try {
        parts.add(HttpRequest.BodyPublishers.ofFile(file));
      } catch (FileNotFoundException e) {
        throw new CommandFailure(CommandFailure.USAGE, "cannot read " + file);
      }
      parts.add(HttpRequest.BodyPublishers.ofString("\r\n"));
    }
    parts.add(HttpRequest.BodyPublishers.ofString("--" + boundary + "--\r\n"));
    HttpRequest.BodyPublisher body =
        HttpRequest.BodyPublishers.concat(parts.toArray(HttpRequest.BodyPublisher[]::new));
    return send(
        request(path)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(body));
  }

  /**
   * Submits a document the server has already: {@code source} names it ({@code upload} or {@code
   * sha256}), with its file name and {@code options} (JSON) when not null. Empty when the server
   * holds no document of ours with that hash.
   */
  public Optional<Answer> submitStored(
      String sourceField, String source, String fileName, String options) {
    var body = json.createObjectNode().put(sourceField, source).put("fileName", fileName);
    if (options != null) {
      try {
        body.set("options", json.readTree(options));
      } catch (JsonProcessingException e) {
        throw new CommandFailure(CommandFailure.USAGE, "--options is not JSON: " + options);
      }
    }
    HttpResponse<String> response =
        exchange(
            request("/api/v1/jobs")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() == 404 && response.body().contains("\"DOCUMENT_NOT_STORED\"")) {
      return Optional.empty();
    }
    return Optional.of(answer(response));
  }

  /** The absolute URL of {@code path} on this server. */
  public URL urlOf(String path) {
    try {
      return base.resolve(path).toURL();
    } catch (MalformedURLException e) {
      throw new IllegalStateException("not a URL: " + base.resolve(path), e);
    }
  }

  /** The headers that carry this client's credential, for another HTTP client. */
  public Map<String, String> credentialHeaders() {
    return Map.of("Authorization", "Bearer " + credential);
  }

  /** The body at {@code path} as text, such as a result in Markdown. */
  public String text(String path) {
    HttpResponse<String> response =
        exchange(request(path).GET(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (response.statusCode() / 100 != 2) {
      throw failed(problem(response.statusCode(), response.body()));
    }
    return response.body();
  }

  /** Saves the body at {@code path} to {@code target}, such as a searchable PDF. */
  public void save(String path, Path target) {
    save(request(path).GET(), target);
  }

  /** POSTs to {@code path} without a body and saves the answer to {@code target}. */
  public void postAndSave(String path, Path target) {
    save(request(path).POST(HttpRequest.BodyPublishers.noBody()), target);
  }

  private void save(HttpRequest.Builder request, Path target) {
    HttpResponse<InputStream> response =
        exchange(request, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = response.body()) {
      if (response.statusCode() / 100 != 2) {
        throw failed(
            problem(response.statusCode(), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      }
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw failed("cannot save " + target + " (" + reason(e, e.getClass().getSimpleName()) + ")");
    }
  }

  public Answer delete(String path) {
    return send(request(path).DELETE());
  }

  /** POSTs {@code body} as JSON. */
  Answer post(String path, Object body) {
    String text;
    try {
      text = json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not serialisable as JSON: " + body, e);
    }
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(text)));
  }

  /** POSTs without a body. */
  Answer post(String path) {
    return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path))
        .timeout(timeout)
        .header("Accept", "application/json")
        .header("Authorization", "Bearer " + credential);
  }

  private Answer send(HttpRequest.Builder request) {
    return answer(exchange(request, HttpResponse.BodyHandlers.ofString()));
  }

  private Answer answer(HttpResponse<String> response) {
    if (response.statusCode() / 100 != 2) {
      throw failed(problem(response.statusCode(), response.body()));
    }
    try {
      return new Answer(response.body(), json.readTree(response.body()));
    } catch (JsonProcessingException e) {
      throw failed(server + " answered with something other than JSON; is it a DocGrid node?");
    }
  }

  private <T> HttpResponse<T> exchange(
      HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
    try {
      return http.send(request.build(), body);
    } catch (HttpConnectTimeoutException e) {
      throw failed("no connection to " + server + " within " + shown(timeout));
    } catch (HttpTimeoutException e) {
      throw failed("no answer from " + server + " within " + shown(timeout));
    } catch (ConnectException e) {
      throw failed(
          "cannot connect to "
              + server
              + " ("
              + reason(e, "connection refused")
              + ")"
              + "; is a DocGrid node listening there? Set --url or "
              + EnvironmentDefaults.variableFor("--url"));
    } catch (IOException e) {
      throw failed("cannot reach " + server + " (" + reason(e, e.getClass().getSimpleName()) + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failed("interrupted while waiting for " + server);
    }
  }

  /** RFC 9457 problem documents become "detail (CODE, request ID)". */
  private String problem(int status, String body) {
    JsonNode problem;
    try {
      problem = json.readTree(body);
    } catch (JsonProcessingException e) {
      problem = null;
    }
    if (problem == null || !problem.hasNonNull("code")) {
      return server + " answered HTTP " + status + " without a DocGrid problem";
    }
    String detail = text(problem, "detail", text(problem, "title", "HTTP " + status));
    String requestId = text(problem, "requestId", null);
    return OneLine.of(detail)
        + " ("
        + OneLine.of(problem.get("code").asText())
        + (requestId == null ? "" : ", request " + OneLine.of(requestId))
        + ")";
  }

  private static String text(JsonNode node, String field, String otherwise) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.asText().isBlank() ? otherwise : value.asText();
  }

  private static String reason(IOException failure, String otherwise) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() != null ? root.getMessage() : failure.getMessage();
    return message == null || message.isBlank() ? otherwise : OneLine.of(message);
  }

  private static String shown(Duration duration) {
    return duration.toMillis() % 1000 == 0
        ? duration.toSeconds() + "s"
        : duration.toMillis() + "ms";
  }

  private static CommandFailure failed(String message) {
    return new CommandFailure(CommandFailure.FAILED, message);
  }
}
