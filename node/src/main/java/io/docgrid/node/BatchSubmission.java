package io.docgrid.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docgrid.node.admin.ApiClient;
import io.docgrid.node.config.CommandFailure;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code docgrid submit --batch}: sends the documents as one batch. Files alone go as one multipart
 * body; with URLs, each file is first uploaded resumably and named in a JSON batch.
 */
final class BatchSubmission {

  private final ApiClient client;
  private final String options;
  private final Path resumeState;
  private final PrintWriter err;
  private final ObjectMapper json = new ObjectMapper();

  BatchSubmission(ApiClient client, String options, Path resumeState, PrintWriter err) {
    this.client = client;
    this.options = options;
    this.resumeState = resumeState;
    this.err = err;
  }

  /**
   * Sends the batch, prints {@code batch <id>} to {@code out}, adds its jobs to {@code jobs} and
   * tells each item that made no job on standard error.
   *
   * @return how many items made no job
   */
  int send(
      List<Path> files, List<String> urls, List<SubmitCommand.Submitted> jobs, PrintWriter out) {
    List<Path> names = new ArrayList<>(files);
    urls.forEach(url -> names.add(nameOf(url)));
    JsonNode batch =
        urls.isEmpty() ? client.submitBatch(files, options).json() : sendJson(files, urls);
    out.println("batch " + batch.get("id").asText());
    out.flush();
    int refused = 0;
    for (JsonNode item : batch.get("items")) {
      Path name = names.get(item.get("index").asInt());
      if (item.path("jobId").isTextual()) {
        jobs.add(new SubmitCommand.Submitted(name, item.get("jobId").asText()));
        err.println(name.getFileName() + ": job " + item.get("jobId").asText());
      } else {
        refused++;
        err.println(
            name.getFileName()
                + ": "
                + item.at("/problem/detail").asText()
                + " ("
                + item.at("/problem/code").asText()
                + ")");
      }
    }
    err.flush();
    return refused;
  }

  private JsonNode sendJson(List<Path> files, List<String> urls) {
    ObjectNode body = json.createObjectNode();
    ArrayNode items = body.putArray("items");
    for (Path file : files) {
      String upload = new ResumableUpload(client, resumeState, err).send(file).toString();
      items.addObject().put("upload", upload).put("fileName", file.getFileName().toString());
    }
    urls.forEach(url -> items.addObject().put("url", url));
    if (options != null) {
      try {
        body.set("options", json.readTree(options));
      } catch (java.io.IOException e) {
        throw new CommandFailure(CommandFailure.USAGE, "--options is not JSON: " + options);
      }
    }
    return client.postJson("/api/v1/batches", body).json();
  }

  /** What a URL's document is called here: its last path segment, or "document". */
  static Path nameOf(String url) {
    String path;
    try {
      path = URI.create(url).getPath();
    } catch (IllegalArgumentException e) {
      path = null;
    }
    if (path == null || path.isEmpty() || path.endsWith("/")) {
      return Path.of("document");
    }
    return Path.of(path.substring(path.lastIndexOf('/') + 1));
  }
}
