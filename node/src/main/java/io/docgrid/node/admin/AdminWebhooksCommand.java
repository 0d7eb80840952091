package io.docgrid.node.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code docgrid admin webhooks}: the webhook endpoints of the calling key's tenant, and their
 * deliveries.
 */
@Command(
    name = "webhooks",
    description = "Create, list, test and delete webhook endpoints; list and redeliver deliveries.",
    mixinStandardHelpOptions = true,
    subcommands = {
      AdminWebhooksCommand.List.class,
      AdminWebhooksCommand.Create.class,
      AdminWebhooksCommand.Delete.class,
      AdminWebhooksCommand.RotateSecret.class,
      AdminWebhooksCommand.Test.class,
      AdminWebhooksCommand.Deliveries.class,
      AdminWebhooksCommand.Redeliver.class
    })
final class AdminWebhooksCommand {

  static final String PATH = "/api/v1/webhooks";

  @Command(
      name = "list",
      description = "The endpoints, oldest first.",
      mixinStandardHelpOptions = true)
  static final class List implements Callable<Integer> {
    @Mixin ServerOptions server;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      server.output().print(spec.commandLine().getOut(), server.connect().get(PATH), List::table);
      return 0;
    }

    private static String table(JsonNode answer) {
      Table table = new Table("ID", "URL", "EVENTS", "ENABLED", "DESCRIPTION");
      for (JsonNode webhook : answer.path("items")) {
        table.row(
            KeyText.text(webhook, "id"),
            KeyText.text(webhook, "url"),
            joined(webhook.path("events")),
            KeyText.text(webhook, "enabled"),
            KeyText.text(webhook, "description"));
      }
      return answer.path("items").isEmpty() ? "No webhook endpoints." : table.render();
    }
  }

  @Command(
      name = "create",
      description = "Create an endpoint; its signing secret is printed this once.",
      mixinStandardHelpOptions = true)
  static final class Create implements Callable<Integer> {
    @Mixin ServerOptions server;

    @Parameters(paramLabel = "URL", description = "Where events are POSTed (http or https).")
    String url;

    @Option(
        names = "--events",
        split = ",",
        description = "Event types, e.g. job.succeeded,job.failed (default: all).")
    java.util.List<String> events;

    @Option(names = "--description", description = "What the endpoint is for.")
    String description;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("url", url);
      if (events != null) {
        body.put("events", events);
      }
      if (description != null) {
        body.put("description", description);
      }
      server
          .output()
          .print(spec.commandLine().getOut(), server.connect().post(PATH, body), Create::text);
      return 0;
    }

    static String text(JsonNode webhook) {
      return "Webhook endpoint "
          + KeyText.text(webhook, "id")
          + " for "
          + KeyText.text(webhook, "url")
          + " ("
          + joined(webhook.path("events"))
          + ")\nSigning secret (shown once): "
          + KeyText.text(webhook, "secret");
    }
  }

  /** A subcommand about one endpoint: one call to the API, its answer printed. */
  abstract static class OnEndpoint implements Callable<Integer> {
    @Mixin ServerOptions server;

    @Parameters(paramLabel = "ID", description = "The endpoint's id.")
    String id;

    @Spec CommandSpec spec;

    abstract ApiClient.Answer ask(ApiClient api);

    abstract String text(JsonNode answer);

    @Override
    public Integer call() {
      server.output().print(spec.commandLine().getOut(), ask(server.connect()), this::text);
      return 0;
    }
  }

  @Command(
      name = "delete",
      description = "Delete an endpoint and its deliveries.",
      mixinStandardHelpOptions = true)
  static final class Delete extends OnEndpoint {
    @Override
    ApiClient.Answer ask(ApiClient api) {
      api.delete(PATH + "/" + id);
      return new ApiClient.Answer(
          "{\"deleted\":\"" + id.replaceAll("[^0-9A-Fa-f-]", "") + "\"}", null);
    }

    @Override
    String text(JsonNode answer) {
      return "Deleted webhook endpoint " + id + ".";
    }
  }

  @Command(
      name = "rotate-secret",
      description = "A new signing secret; the old one keeps signing for 24 hours.",
      mixinStandardHelpOptions = true)
  static final class RotateSecret extends OnEndpoint {
    @Override
    ApiClient.Answer ask(ApiClient api) {
      return api.post(PATH + "/" + id + "/rotate-secret");
    }

    @Override
    String text(JsonNode answer) {
      return Create.text(answer);
    }
  }

  @Command(
      name = "test",
      description = "Send a webhook.test event.",
      mixinStandardHelpOptions = true)
  static final class Test extends OnEndpoint {
    @Override
    ApiClient.Answer ask(ApiClient api) {
      return api.post(PATH + "/" + id + "/test");
    }

    @Override
    String text(JsonNode delivery) {
      return "Delivery " + KeyText.text(delivery, "id") + " recorded; see deliveries.";
    }
  }

  @Command(
      name = "deliveries",
      description = "An endpoint's deliveries, newest first.",
      mixinStandardHelpOptions = true)
  static final class Deliveries extends OnEndpoint {
    @Override
    ApiClient.Answer ask(ApiClient api) {
      return api.get(PATH + "/" + id + "/deliveries");
    }

    @Override
    String text(JsonNode answer) {
      return table(answer);
    }

    private static String table(JsonNode answer) {
      Table table =
          new Table("ID", "EVENT", "TYPE", "STATUS", "ATTEMPTS", "LAST CODE", "NEXT ATTEMPT");
      for (JsonNode delivery : answer.path("items")) {
        table.row(
            KeyText.text(delivery, "id"),
            KeyText.text(delivery, "eventId"),
            KeyText.text(delivery, "eventType"),
            KeyText.text(delivery, "status"),
            KeyText.text(delivery, "attempts"),
            KeyText.text(delivery, "lastStatusCode"),
            KeyText.text(delivery, "nextAttemptAt"));
      }
      return answer.path("items").isEmpty() ? "No deliveries." : table.render();
    }
  }

  @Command(
      name = "redeliver",
      description = "Send a delivery again, with the same webhook-id.",
      mixinStandardHelpOptions = true)
  static final class Redeliver implements Callable<Integer> {
    @Mixin ServerOptions server;

    @Parameters(paramLabel = "DELIVERY", description = "The delivery's id.")
    String deliveryId;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      server
          .output()
          .print(
              spec.commandLine().getOut(),
              server.connect().post(PATH + "/deliveries/" + deliveryId + "/redeliver"),
              delivery -> "Delivery " + KeyText.text(delivery, "id") + " is due again.");
      return 0;
    }
  }

  private static String joined(JsonNode list) {
    java.util.List<String> items = new java.util.ArrayList<>();
    list.forEach(item -> items.add(item.asText()));
    return String.join(",", items);
  }
}
