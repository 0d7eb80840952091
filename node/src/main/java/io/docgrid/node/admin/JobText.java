package io.docgrid.node.admin;

import com.fasterxml.jackson.databind.JsonNode;

/** The job routes' JSON as text for people: a page of jobs as a table, one job field by field. */
final class JobText {

  private JobText() {}

  /** {@code GET /api/v1/jobs}: one row a job, newest first, and where the next page starts. */
  static String list(JsonNode page) {
    Table table = new Table("ID", "STATUS", "FILE", "TYPE", "PAGES", "CREATED", "ERROR");
    for (JsonNode job : page.path("items")) {
      table.row(
          job.path("id").asText(),
          job.path("status").asText(),
          job.at("/document/fileName").asText("-"),
          job.at("/document/mediaType").asText("-"),
          pages(job),
          job.path("createdAt").asText("-"),
          job.at("/error/code").asText("-"));
    }
    String next =
        page.path("nextCursor").isTextual()
            ? System.lineSeparator() + "More: --cursor " + page.path("nextCursor").asText()
            : "";
    return (page.path("items").isEmpty() ? "No jobs." : table.render()) + next;
  }

  /** One job, field by field. */
  static String details(JsonNode job) {
    return new Table()
        .row("id", job.path("id").asText())
        .row("status", job.path("status").asText())
        .row("file", job.at("/document/fileName").asText("-"))
        .row("type", job.at("/document/mediaType").asText("-"))
        .row("sha256", job.at("/document/sha256").asText("-"))
        .row("pages", pages(job))
        .row("created", job.path("createdAt").asText("-"))
        .row("started", job.path("startedAt").asText("-"))
        .row("finished", job.path("finishedAt").asText("-"))
        .row("purged", job.path("purgedAt").asText("-"))
        .row("error", job.at("/error/code").asText("-") + " " + job.at("/error/message").asText(""))
        .row("request", job.path("requestId").asText("-"))
        .render();
  }

  private static String pages(JsonNode job) {
    JsonNode pages = job.path("pages");
    return pages.path("done").asInt()
        + "/"
        + (pages.path("total").isNumber() ? pages.path("total").asText() : "?");
  }
}
