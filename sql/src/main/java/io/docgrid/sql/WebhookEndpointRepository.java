package io.docgrid.sql;

import static io.docgrid.sql.Timestamps.instant;
import static io.docgrid.sql.Timestamps.utc;
import static io.docgrid.sql.schema.Tables.WEBHOOK_ENDPOINTS;

import io.docgrid.sql.model.WebhookEndpoint;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Stores tenants' webhook endpoints. Every read or change by a tenant names its owner. */
public final class WebhookEndpointRepository {

  private final DSLContext dsl;

  /** Asked at every job's end, so rendered once. */
  private final RenderedStatement listByOwner;

  public WebhookEndpointRepository(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
    this.listByOwner =
        RenderedStatement.of(
            dsl,
            dsl.selectFrom(WEBHOOK_ENDPOINTS)
                .where(
                    WEBHOOK_ENDPOINTS.OWNER.eq(
                        DSL.param(
                            WEBHOOK_ENDPOINTS.OWNER.getName(),
                            WEBHOOK_ENDPOINTS.OWNER.getDataType())))
                .orderBy(WEBHOOK_ENDPOINTS.CREATED_AT.asc(), WEBHOOK_ENDPOINTS.ID.asc()));
  }

  public void insert(WebhookEndpoint endpoint) {
    dsl.insertInto(WEBHOOK_ENDPOINTS)
        .set(WEBHOOK_ENDPOINTS.ID, endpoint.id())
        .set(WEBHOOK_ENDPOINTS.OWNER, endpoint.owner())
        .set(WEBHOOK_ENDPOINTS.URL, endpoint.url())
        .set(WEBHOOK_ENDPOINTS.DESCRIPTION, endpoint.description())
        .set(WEBHOOK_ENDPOINTS.EVENTS, String.join(" ", endpoint.events()))
        .set(WEBHOOK_ENDPOINTS.SECRET, endpoint.secret())
        .set(WEBHOOK_ENDPOINTS.PREVIOUS_SECRET, endpoint.previousSecret())
        .set(WEBHOOK_ENDPOINTS.PREVIOUS_SECRET_EXPIRES_AT, utc(endpoint.previousSecretExpiresAt()))
        .set(WEBHOOK_ENDPOINTS.API_BASE_URL, endpoint.apiBaseUrl())
        .set(WEBHOOK_ENDPOINTS.ENABLED, endpoint.enabled())
        .set(WEBHOOK_ENDPOINTS.DISABLED_REASON, endpoint.disabledReason())
        .set(WEBHOOK_ENDPOINTS.DEAD_IN_A_ROW, endpoint.deadInARow())
        .set(WEBHOOK_ENDPOINTS.CREATED_AT, utc(endpoint.createdAt()))
        .set(WEBHOOK_ENDPOINTS.UPDATED_AT, utc(endpoint.updatedAt()))
        .execute();
  }

  public Optional<WebhookEndpoint> findById(UUID id) {
    return RenderedStatement.readAll(
            dsl.selectFrom(WEBHOOK_ENDPOINTS).where(WEBHOOK_ENDPOINTS.ID.eq(id)),
            WebhookEndpointRepository::read)
        .stream()
        .findFirst();
  }

  /** The endpoint if {@code owner} owns it: another tenant's endpoint is as good as absent. */
  public Optional<WebhookEndpoint> findOwned(UUID id, String owner) {
    return findById(id).filter(endpoint -> endpoint.owner().equals(owner));
  }

  /** Oldest first, as they were created. */
  public List<WebhookEndpoint> listOwned(String owner) {
    return listByOwner
        .with(WEBHOOK_ENDPOINTS.OWNER.getName(), owner)
        .queryAll(WebhookEndpointRepository::read);
  }

  /**
   * Writes what a tenant may change (url, description, events, enabled). Enabling an endpoint
   * forgets why it was disabled and its dead deliveries.
   */
  public Optional<WebhookEndpoint> update(WebhookEndpoint changed, Instant now) {
    int updated =
        dsl.update(WEBHOOK_ENDPOINTS)
            .set(WEBHOOK_ENDPOINTS.URL, changed.url())
            .set(WEBHOOK_ENDPOINTS.DESCRIPTION, changed.description())
            .set(WEBHOOK_ENDPOINTS.EVENTS, String.join(" ", changed.events()))
            .set(WEBHOOK_ENDPOINTS.ENABLED, changed.enabled())
            .set(
                WEBHOOK_ENDPOINTS.DISABLED_REASON,
                changed.enabled() ? null : changed.disabledReason())
            .set(WEBHOOK_ENDPOINTS.DEAD_IN_A_ROW, changed.enabled() ? 0 : changed.deadInARow())
            .set(WEBHOOK_ENDPOINTS.UPDATED_AT, utc(now))
            .where(
                WEBHOOK_ENDPOINTS.ID.eq(changed.id()), WEBHOOK_ENDPOINTS.OWNER.eq(changed.owner()))
            .execute();
    return updated == 1 ? findById(changed.id()) : Optional.empty();
  }

  /** Makes {@code secret} the signing secret; the one before signs too until {@code oldUntil}. */
  public Optional<WebhookEndpoint> rotateSecret(
      UUID id, String owner, String secret, Instant oldUntil, Instant now) {
    int updated =
        dsl.update(WEBHOOK_ENDPOINTS)
            .set(WEBHOOK_ENDPOINTS.PREVIOUS_SECRET, WEBHOOK_ENDPOINTS.SECRET)
            .set(WEBHOOK_ENDPOINTS.PREVIOUS_SECRET_EXPIRES_AT, utc(oldUntil))
            .set(WEBHOOK_ENDPOINTS.SECRET, secret)
            .set(WEBHOOK_ENDPOINTS.UPDATED_AT, utc(now))
            .where(WEBHOOK_ENDPOINTS.ID.eq(id), WEBHOOK_ENDPOINTS.OWNER.eq(owner))
            .execute();
    return updated == 1 ? findById(id) : Optional.empty();
  }

  /** Deletes the endpoint and its deliveries; false if {@code owner} has no such endpoint. */
  public boolean delete(UUID id, String owner) {
    return dsl.deleteFrom(WEBHOOK_ENDPOINTS)
            .where(WEBHOOK_ENDPOINTS.ID.eq(id), WEBHOOK_ENDPOINTS.OWNER.eq(owner))
            .execute()
        == 1;
  }

  /** A delivery succeeded: the count of dead deliveries in a row starts again. */
  public void recordDelivered(UUID id) {
    dsl.update(WEBHOOK_ENDPOINTS)
        .set(WEBHOOK_ENDPOINTS.DEAD_IN_A_ROW, 0)
        .where(WEBHOOK_ENDPOINTS.ID.eq(id), WEBHOOK_ENDPOINTS.DEAD_IN_A_ROW.gt(0))
        .execute();
  }

  /**
   * A delivery died: counted, and the endpoint disabled once {@code disableAfter} died in a row.
   * Returns whether this call disabled it.
   */
  public boolean recordDead(UUID id, int disableAfter, Instant now) {
    return dsl.transactionResult(
        configuration -> {
          DSLContext tx = DSL.using(configuration);
          tx.update(WEBHOOK_ENDPOINTS)
              .set(WEBHOOK_ENDPOINTS.DEAD_IN_A_ROW, WEBHOOK_ENDPOINTS.DEAD_IN_A_ROW.plus(1))
              .where(WEBHOOK_ENDPOINTS.ID.eq(id))
              .execute();
          return tx.update(WEBHOOK_ENDPOINTS)
                  .set(WEBHOOK_ENDPOINTS.ENABLED, false)
                  .set(
                      WEBHOOK_ENDPOINTS.DISABLED_REASON,
                      disableAfter + " deliveries in a row failed after every retry")
                  .set(WEBHOOK_ENDPOINTS.UPDATED_AT, utc(now))
                  .where(
                      WEBHOOK_ENDPOINTS.ID.eq(id),
                      WEBHOOK_ENDPOINTS.ENABLED.isTrue(),
                      WEBHOOK_ENDPOINTS.DEAD_IN_A_ROW.ge(disableAfter))
                  .execute()
              == 1;
        });
  }

  /** Disables the endpoint at once, e.g. when it answered 410 Gone. */
  public boolean disable(UUID id, String reason, Instant now) {
    return dsl.update(WEBHOOK_ENDPOINTS)
            .set(WEBHOOK_ENDPOINTS.ENABLED, false)
            .set(WEBHOOK_ENDPOINTS.DISABLED_REASON, JobRepository.truncated(reason))
            .set(WEBHOOK_ENDPOINTS.UPDATED_AT, utc(now))
            .where(WEBHOOK_ENDPOINTS.ID.eq(id), WEBHOOK_ENDPOINTS.ENABLED.isTrue())
            .execute()
        == 1;
  }

  private static WebhookEndpoint read(ResultSet row) throws SQLException {
    String events = row.getString(WEBHOOK_ENDPOINTS.EVENTS.getName());
    return new WebhookEndpoint(
        row.getObject(WEBHOOK_ENDPOINTS.ID.getName(), UUID.class),
        row.getString(WEBHOOK_ENDPOINTS.OWNER.getName()),
        row.getString(WEBHOOK_ENDPOINTS.URL.getName()),
        row.getString(WEBHOOK_ENDPOINTS.DESCRIPTION.getName()),
        events.isEmpty() ? List.of() : Arrays.asList(events.split(" ")),
        row.getString(WEBHOOK_ENDPOINTS.SECRET.getName()),
        row.getString(WEBHOOK_ENDPOINTS.PREVIOUS_SECRET.getName()),
        instant(
            row.getObject(
                WEBHOOK_ENDPOINTS.PREVIOUS_SECRET_EXPIRES_AT.getName(), OffsetDateTime.class)),
        row.getString(WEBHOOK_ENDPOINTS.API_BASE_URL.getName()),
        row.getBoolean(WEBHOOK_ENDPOINTS.ENABLED.getName()),
        row.getString(WEBHOOK_ENDPOINTS.DISABLED_REASON.getName()),
        row.getInt(WEBHOOK_ENDPOINTS.DEAD_IN_A_ROW.getName()),
        instant(row.getObject(WEBHOOK_ENDPOINTS.CREATED_AT.getName(), OffsetDateTime.class)),
        instant(row.getObject(WEBHOOK_ENDPOINTS.UPDATED_AT.getName(), OffsetDateTime.class)));
  }
}
