package io.docgrid.api.webhooks;

import io.docgrid.api.auth.Authenticator;
import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.ErrorCode;
import io.docgrid.api.error.Problem;
import io.docgrid.api.http.RequestOrigins;
import io.docgrid.api.outbound.OutboundClient;
import io.docgrid.api.outbound.OutboundRefusedException;
import io.docgrid.api.validation.PathId;
import io.docgrid.api.validation.RequestValidator;
import io.docgrid.api.webhooks.WebhookViews.DeliveryList;
import io.docgrid.api.webhooks.WebhookViews.DeliveryView;
import io.docgrid.api.webhooks.WebhookViews.WebhookList;
import io.docgrid.api.webhooks.WebhookViews.WebhookView;
import io.docgrid.api.webhooks.WebhookViews.WebhookWithSecret;
import io.docgrid.sql.WebhookDeliveryRepository;
import io.docgrid.sql.WebhookEndpointRepository;
import io.docgrid.sql.model.WebhookDelivery;
import io.docgrid.sql.model.WebhookEndpoint;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhooks resource: a tenant's endpoints, their secrets, test events and deliveries. Another
 * tenant's endpoint or delivery does not exist for the caller (404).
 */
public final class WebhookRoutes {

  public static final String WEBHOOKS_PATH = "/api/v1/webhooks";
  public static final String REDELIVER_PATH = WEBHOOKS_PATH + "/deliveries/{deliveryId}/redeliver";

  /** How long the secret before a rotation keeps signing. */
  public static final Duration ROTATION_OVERLAP = Duration.ofHours(24);

  private static final Logger log = LoggerFactory.getLogger(WebhookRoutes.class);
  private static final int MAX_DELIVERIES = 100;

  private final WebhookEndpointRepository endpoints;
  private final WebhookDeliveryRepository deliveries;
  private final WebhookEvents events;
  private final WebhookSigner signer;
  private final OutboundClient outbound;
  private final RequestValidator validator;
  private final Clock clock;

  public WebhookRoutes(
      WebhookEndpointRepository endpoints,
      WebhookDeliveryRepository deliveries,
      WebhookEvents events,
      WebhookSigner signer,
      OutboundClient outbound,
      RequestValidator validator,
      Clock clock) {
    this.endpoints = endpoints;
    this.deliveries = deliveries;
    this.events = events;
    this.signer = signer;
    this.outbound = outbound;
    this.validator = validator;
    this.clock = clock;
  }

  @OpenApi(
      path = WEBHOOKS_PATH,
      methods = HttpMethod.POST,
      operationId = "createWebhook",
      summary = "Create a webhook endpoint; its signing secret is in this response only",
      tags = "webhooks",
      requestBody =
          @OpenApiRequestBody(
              required = true,
              content = @OpenApiContent(from = WebhookRequests.Create.class)),
      responses = {
        @OpenApiResponse(status = "201", content = @OpenApiContent(from = WebhookWithSecret.class)),
        @OpenApiResponse(status = "400", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = Problem.class))
      })
  public void create(Context ctx) {
    WebhookRequests.Create request = validator.body(ctx.body(), WebhookRequests.Create.class);
    String owner = Authenticator.require(ctx).id();
    Instant now = clock.instant();
    WebhookEndpoint endpoint =
        WebhookEndpoint.created(
            owner,
            checkedUrl(request.url()),
            request.description(),
            request.events() == null ? WebhookEventTypes.SUBSCRIBABLE : distinct(request.events()),
            signer.newSecret(),
            RequestOrigins.of(ctx).baseUrl(),
            now);
    endpoints.insert(endpoint);
    log.info("webhook endpoint {} created by {}", endpoint.id(), owner);
    ctx.status(HttpStatus.CREATED);
    ctx.header("Location", RequestOrigins.of(ctx).url(WEBHOOKS_PATH + "/" + endpoint.id()));
    ctx.json(WebhookWithSecret.of(endpoint));
  }

  @OpenApi(
      path = WEBHOOKS_PATH,
      methods = HttpMethod.GET,
      operationId = "listWebhooks",
      summary = "The caller's webhook endpoints, oldest first",
      tags = "webhooks",
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = WebhookList.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = Problem.class))
      })
  public void list(Context ctx) {
    Instant now = clock.instant();
    ctx.json(
        new WebhookList(
            endpoints.listOwned(Authenticator.require(ctx).id()).stream()
                .map(endpoint -> WebhookView.of(endpoint, now))
                .toList()));
  }

  @OpenApi(
      path = WEBHOOKS_PATH + "/{id}",
      methods = HttpMethod.GET,
      operationId = "getWebhook",
      summary = "One webhook endpoint",
      tags = "webhooks",
      pathParams = @OpenApiParam(name = "id", type = UUID.class, required = true),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = WebhookView.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = Problem.class))
      })
  public void get(Context ctx) {
    ctx.json(WebhookView.of(owned(ctx), clock.instant()));
  }

  @OpenApi(
      path = WEBHOOKS_PATH + "/{id}",
      methods = HttpMethod.PATCH,
      operationId = "updateWebhook",
      summary = "Change an endpoint's URL, events, description, or enable it again",
      tags = "webhooks",
      pathParams = @OpenApiParam(name = "id", type = UUID.class, required = true),
      requestBody =
          @OpenApiRequestBody(
              required = true,
              content = @OpenApiContent(from = WebhookRequests.Update.class)),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = WebhookView.class)),
        @OpenApiResponse(status = "400", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = Problem.class))
      })
  public void update(Context ctx) {
    WebhookRequests.Update request = validator.body(ctx.body(), WebhookRequests.Update.class);
    WebhookEndpoint current = owned(ctx);
    WebhookEndpoint changed =
        new WebhookEndpoint(
            current.id(),
            current.owner(),
            request.url() == null ? current.url() : checkedUrl(request.url()),
            request.description() == null ? current.description() : request.description(),
            request.events() == null ? current.events() : distinct(request.events()),
            current.secret(),
            current.previousSecret(),
            current.previousSecretExpiresAt(),
            current.apiBaseUrl(),
            request.enabled() == null ? current.enabled() : request.enabled(),
            current.disabledReason() == null && Boolean.FALSE.equals(request.enabled())
                ? "disabled by its owner"
                : current.disabledReason(),
            current.deadInARow(),
            current.createdAt(),
            current.updatedAt());
    Instant now = clock.instant();
    WebhookEndpoint stored =
        endpoints.update(changed, now).orElseThrow(() -> notFound(current.id()));
    ctx.json(WebhookView.of(stored, now));
  }

  @OpenApi(
      path = WEBHOOKS_PATH + "/{id}",
      methods = HttpMethod.DELETE,
      operationId = "deleteWebhook",
      summary = "Delete an endpoint and its deliveries; nothing more is sent to it",
      tags = "webhooks",
      pathParams = @OpenApiParam(name = "id", type = UUID.class, required = true),
      responses = {
        @OpenApiResponse(status = "204"),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = Problem.class))
      })
  public void delete(Context ctx) {
    WebhookEndpoint endpoint = owned(ctx);
    endpoints.delete(endpoint.id(), endpoint.owner());
    log.info("webhook endpoint {} deleted", endpoint.id());
    ctx.status(HttpStatus.NO_CONTENT);
  }

  @OpenApi(
      path = WEBHOOKS_PATH + "/{id}/rotate-secret",
      methods = HttpMethod.POST,
      operationId = "rotateWebhookSecret",
      summary = "A new signing secret; the old one signs too for 24 hours",
      tags = "webhooks",
      pathParams = @OpenApiParam(name = "id", type = UUID.class, required = true),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = WebhookWithSecret.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = Problem.class))
      })
  public void rotateSecret(Context ctx) {
    WebhookEndpoint endpoint = owned(ctx);
    Instant now = clock.instant();
    WebhookEndpoint rotated =
        endpoints
            .rotateSecret(
                endpoint.id(),
                endpoint.owner(),
                signer.newSecret(),
                now.plus(ROTATION_OVERLAP),
                now)
            .orElseThrow(() -> notFound(endpoint.id()));
    log.info("webhook endpoint {} secret rotated", endpoint.id());
    ctx.json(WebhookWithSecret.of(rotated));
  }

  @OpenApi(
      path = WEBHOOKS_PATH + "/{id}/test",
      methods = HttpMethod.POST,
      operationId = "testWebhook",
      summary = "Send a webhook.test event to this endpoint",
      tags = "webhooks",
      pathParams = @OpenApiParam(name = "id", type = UUID.class, required = true),
      responses = {
        @OpenApiResponse(status = "202", content = @OpenApiContent(from = DeliveryView.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "409", content = @OpenApiContent(from = Problem.class))
      })
  public void test(Context ctx) {
    WebhookEndpoint endpoint = owned(ctx);
    if (!endpoint.enabled()) {
      throw new ApiException(
          ErrorCode.WEBHOOK_DISABLED,
          "Webhook endpoint "
              + endpoint.id()
              + " is disabled ("
              + endpoint.disabledReason()
              + "); enable it with PATCH {\"enabled\": true} first.");
    }
    List<WebhookDelivery> recorded =
        events.publish(
            endpoint.owner(),
            WebhookEventTypes.WEBHOOK_TEST,
            baseUrl -> Map.of("webhookId", endpoint.id().toString()),
            List.of(endpoint.id()));
    ctx.status(HttpStatus.ACCEPTED);
    ctx.json(DeliveryView.of(recorded.get(0)));
  }

  @OpenApi(
      path = WEBHOOKS_PATH + "/{id}/deliveries",
      methods = HttpMethod.GET,
      operationId = "listWebhookDeliveries",
      summary = "An endpoint's deliveries, newest first (at most 100)",
      tags = "webhooks",
      pathParams = @OpenApiParam(name = "id", type = UUID.class, required = true),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = DeliveryList.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = Problem.class))
      })
  public void deliveries(Context ctx) {
    WebhookEndpoint endpoint = owned(ctx);
    ctx.json(
        new DeliveryList(
            deliveries.listForEndpoint(endpoint.id(), MAX_DELIVERIES).stream()
                .map(DeliveryView::of)
                .toList()));
  }

  @OpenApi(
      path = REDELIVER_PATH,
      methods = HttpMethod.POST,
      operationId = "redeliverWebhook",
      summary = "Send a delivery again, with the same webhook-id, on a new retry schedule",
      tags = "webhooks",
      pathParams = @OpenApiParam(name = "deliveryId", type = UUID.class, required = true),
      responses = {
        @OpenApiResponse(status = "202", content = @OpenApiContent(from = DeliveryView.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = Problem.class))
      })
  public void redeliver(Context ctx) {
    UUID id = validator.valid(new PathId(ctx.pathParam("deliveryId"))).uuid();
    String owner = Authenticator.require(ctx).id();
    WebhookDelivery delivery =
        deliveries
            .findById(id)
            .filter(found -> endpoints.findOwned(found.endpointId(), owner).isPresent())
            .orElseThrow(() -> ApiException.notFound("Webhook delivery " + id));
    deliveries.redeliver(delivery.id(), clock.instant());
    events.dispatchNow();
    ctx.status(HttpStatus.ACCEPTED);
    ctx.json(
        DeliveryView.of(
            deliveries
                .findById(id)
                .orElseThrow(() -> ApiException.notFound("Webhook delivery " + id))));
  }

  private WebhookEndpoint owned(Context ctx) {
    UUID id = validator.valid(new PathId(ctx.pathParam("id"))).uuid();
    return endpoints.findOwned(id, Authenticator.require(ctx).id()).orElseThrow(() -> notFound(id));
  }

  private String checkedUrl(String url) {
    try {
      return outbound.check(url).toString();
    } catch (OutboundRefusedException e) {
      throw ApiException.invalidField("url", e.getMessage());
    }
  }

  private static List<String> distinct(List<String> events) {
    return events.stream().distinct().toList();
  }

  private static ApiException notFound(UUID id) {
    return ApiException.notFound("Webhook endpoint " + id);
  }
}
