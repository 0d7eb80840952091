package io.docgrid.node.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** The key routes' JSON as text for people: a list as a table, one key as labelled lines. */
final class KeyText {

  static final String SHOWN_ONCE =
      "This is the only time the key is shown: store it now. The server keeps only its hash.";

  private KeyText() {}

  /** {@code GET /api/v1/keys}: one row a key, newest first. */
  static String list(JsonNode answer) {
    Table table =
        new Table(
            "ID", "PREFIX", "NAME", "TIER", "SCOPES", "STATUS", "CREATED", "LAST USED", "EXPIRES");
    for (JsonNode key : answer.path("keys")) {
      table.row(
          text(key, "id"),
          text(key, "prefix"),
          text(key, "name"),
          text(key, "tier"),
          scopes(key),
          text(key, "status"),
          time(key, "createdAt", "-"),
          time(key, "lastUsedAt", "never"),
          time(key, "expiresAt", "never"));
    }
    return answer.path("keys").isEmpty() ? "No keys." : table.render();
  }

  /** One stored key, field by field. */
  static String details(JsonNode key) {
    return new Table()
        .row("id", text(key, "id"))
        .row("prefix", text(key, "prefix"))
        .row("name", text(key, "name"))
        .row("tier", text(key, "tier"))
        .row("scopes", scopes(key))
        .row("owner", text(key, "owner"))
        .row("status", text(key, "status"))
        .row("created", time(key, "createdAt", "-"))
        .row("last used", time(key, "lastUsedAt", "never"))
        .row("expires", time(key, "expiresAt", "never"))
        .row("revoked", time(key, "revokedAt", "-"))
        .render();
  }

  /** A key just created or rotated, with its secret and the warning that it is shown once. */
  static String issued(String heading, JsonNode key) {
    return String.join(
        System.lineSeparator(),
        heading,
        new Table()
            .row("id", text(key, "id"))
            .row("prefix", text(key, "prefix"))
            .row("name", text(key, "name"))
            .row("tier", text(key, "tier"))
            .row("scopes", scopes(key))
            .row("owner", text(key, "owner"))
            .row("expires", time(key, "expiresAt", "never"))
            .row("key", text(key, "key"))
            .render(),
        SHOWN_ONCE);
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? "-" : OneLine.of(value.asText());
  }

  private static String scopes(JsonNode key) {
    List<String> scopes = new ArrayList<>();
    key.path("scopes").forEach(scope -> scopes.add(scope.asText()));
    scopes.sort(null);
    return scopes.isEmpty() ? "-" : String.join(",", scopes);
  }

  /** Instants to the second, which is all a person needs. */
  private static String time(JsonNode node, String field, String absent) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return absent;
    }
    try {
      return Instant.parse(value.asText()).truncatedTo(ChronoUnit.SECONDS).toString();
    } catch (DateTimeParseException e) {
      return OneLine.of(value.asText());
    }
  }
}
