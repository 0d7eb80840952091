package io.docgrid.sql;

import static io.docgrid.sql.Timestamps.instant;
import static io.docgrid.sql.Timestamps.utc;
import static io.docgrid.sql.schema.Tables.WEBHOOK_DELIVERIES;
import static io.docgrid.sql.schema.Tables.WEBHOOK_ENDPOINTS;

import io.docgrid.sql.model.DeliveryStatus;
import io.docgrid.sql.model.WebhookDelivery;
import io.docgrid.sql.schema.tables.records.WebhookDeliveriesRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;

/**
 * The webhook delivery ledger. A delivery is written before its first try; a node sends it only
 * after claiming its lease with one conditional update (so of several nodes one sends each try) and
 * records the try's outcome only while it still holds the lease.
 */
public final class WebhookDeliveryRepository {

  private static final Condition PENDING =
      WEBHOOK_DELIVERIES.STATUS.eq(DeliveryStatus.PENDING.wireName());

  private final DSLContext dsl;

  public WebhookDeliveryRepository(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
  }

  /** Records new deliveries, all or none. */
  /**
   * Records the deliveries, each unless its endpoint already has a delivery of its event; returns
   * those recorded by this call.
   */
  public List<WebhookDelivery> insertNew(Collection<WebhookDelivery> deliveries) {
    List<WebhookDelivery> recorded = new ArrayList<>();
    for (WebhookDelivery delivery : deliveries) {
      if (insertUnlessRecorded(delivery)) {
        recorded.add(delivery);
      }
    }
    return recorded;
  }

  private boolean insertUnlessRecorded(WebhookDelivery delivery) {
    try {
      return dsl.insertInto(WEBHOOK_DELIVERIES)
              .set(WEBHOOK_DELIVERIES.ID, delivery.id())
              .set(WEBHOOK_DELIVERIES.ENDPOINT_ID, delivery.endpointId())
              .set(WEBHOOK_DELIVERIES.EVENT_ID, delivery.eventId())
              .set(WEBHOOK_DELIVERIES.EVENT_TYPE, delivery.eventType())
              .set(WEBHOOK_DELIVERIES.PAYLOAD, delivery.payload())
              .set(WEBHOOK_DELIVERIES.STATUS, delivery.status().wireName())
              .set(WEBHOOK_DELIVERIES.ATTEMPTS, delivery.attempts())
              .set(WEBHOOK_DELIVERIES.NEXT_ATTEMPT_AT, utc(delivery.nextAttemptAt()))
              .set(WEBHOOK_DELIVERIES.CREATED_AT, utc(delivery.createdAt()))
              .onConflictDoNothing()
              .execute()
          == 1;
    } catch (IntegrityConstraintViolationException alreadyRecorded) {
      // H2 runs ON CONFLICT DO NOTHING as a MERGE on the primary key: the event's unique index
      // refuses the second delivery instead.
      return false;
    }
  }

  public Optional<WebhookDelivery> findById(UUID id) {
    return dsl.selectFrom(WEBHOOK_DELIVERIES)
        .where(WEBHOOK_DELIVERIES.ID.eq(id))
        .fetchOptional()
        .map(WebhookDeliveryRepository::toDelivery);
  }

  /** An endpoint's deliveries, newest first. */
  public List<WebhookDelivery> listForEndpoint(UUID endpointId, int limit) {
    return dsl.selectFrom(WEBHOOK_DELIVERIES)
        .where(WEBHOOK_DELIVERIES.ENDPOINT_ID.eq(endpointId))
        .orderBy(WEBHOOK_DELIVERIES.CREATED_AT.desc(), WEBHOOK_DELIVERIES.ID.desc())
        .limit(limit)
        .fetch(WebhookDeliveryRepository::toDelivery);
  }

  /**
   * Claims up to {@code limit} deliveries that are due, to enabled endpoints, and that no node
   * holds (or whose holder let the lease lapse), for {@code owner} until {@code leaseUntil}.
   * Returns the ones this call claimed, earliest due first.
   */
  public List<WebhookDelivery> claimDue(String owner, Instant now, Instant leaseUntil, int limit) {
    Condition free =
        WEBHOOK_DELIVERIES
            .LEASE_OWNER
            .isNull()
            .or(WEBHOOK_DELIVERIES.LEASE_EXPIRES_AT.lt(utc(now)));
    List<UUID> due =
        dsl.select(WEBHOOK_DELIVERIES.ID)
            .from(WEBHOOK_DELIVERIES)
            .join(WEBHOOK_ENDPOINTS)
            .on(WEBHOOK_ENDPOINTS.ID.eq(WEBHOOK_DELIVERIES.ENDPOINT_ID))
            .where(
                PENDING,
                WEBHOOK_DELIVERIES.NEXT_ATTEMPT_AT.le(utc(now)),
                free,
                WEBHOOK_ENDPOINTS.ENABLED.isTrue())
            .orderBy(WEBHOOK_DELIVERIES.NEXT_ATTEMPT_AT.asc(), WEBHOOK_DELIVERIES.ID.asc())
            .limit(limit)
            .fetch(WEBHOOK_DELIVERIES.ID);
    List<WebhookDelivery> claimed = new ArrayList<>();
    for (UUID id : due) {
      int won =
          dsl.update(WEBHOOK_DELIVERIES)
              .set(WEBHOOK_DELIVERIES.LEASE_OWNER, owner)
              .set(WEBHOOK_DELIVERIES.LEASE_EXPIRES_AT, utc(leaseUntil))
              .where(
                  WEBHOOK_DELIVERIES.ID.eq(id),
                  PENDING,
                  WEBHOOK_DELIVERIES.NEXT_ATTEMPT_AT.le(utc(now)),
                  free)
              .execute();
      if (won == 1) {
        findById(id).ifPresent(claimed::add);
      }
    }
    return claimed;
  }

  /** The try succeeded; false if {@code owner} no longer held the delivery. */
  public boolean markSucceeded(UUID id, String owner, int statusCode, Instant now) {
    return dsl.update(WEBHOOK_DELIVERIES)
            .set(WEBHOOK_DELIVERIES.STATUS, DeliveryStatus.SUCCEEDED.wireName())
            .set(WEBHOOK_DELIVERIES.ATTEMPTS, WEBHOOK_DELIVERIES.ATTEMPTS.plus(1))
            .setNull(WEBHOOK_DELIVERIES.NEXT_ATTEMPT_AT)
            .set(WEBHOOK_DELIVERIES.LAST_ATTEMPT_AT, utc(now))
            .set(WEBHOOK_DELIVERIES.LAST_STATUS_CODE, statusCode)
            .setNull(WEBHOOK_DELIVERIES.LAST_ERROR)
            .setNull(WEBHOOK_DELIVERIES.LEASE_OWNER)
            .setNull(WEBHOOK_DELIVERIES.LEASE_EXPIRES_AT)
            .where(WEBHOOK_DELIVERIES.ID.eq(id), WEBHOOK_DELIVERIES.LEASE_OWNER.eq(owner), PENDING)
            .execute()
        == 1;
  }

  /**
   * The try failed: due again at {@code nextAttemptAt}, or dead when that is null. False if {@code
   * owner} no longer held the delivery.
   *
   * @param statusCode the answer's status; null when there was none
   */
  public boolean markFailed(
      UUID id, String owner, Integer statusCode, String error, Instant now, Instant nextAttemptAt) {
    DeliveryStatus status = nextAttemptAt == null ? DeliveryStatus.DEAD : DeliveryStatus.PENDING;
    return dsl.update(WEBHOOK_DELIVERIES)
            .set(WEBHOOK_DELIVERIES.STATUS, status.wireName())
            .set(WEBHOOK_DELIVERIES.ATTEMPTS, WEBHOOK_DELIVERIES.ATTEMPTS.plus(1))
            .set(WEBHOOK_DELIVERIES.NEXT_ATTEMPT_AT, utc(nextAttemptAt))
            .set(WEBHOOK_DELIVERIES.LAST_ATTEMPT_AT, utc(now))
            .set(WEBHOOK_DELIVERIES.LAST_STATUS_CODE, statusCode)
            .set(WEBHOOK_DELIVERIES.LAST_ERROR, JobRepository.truncated(error))
            .setNull(WEBHOOK_DELIVERIES.LEASE_OWNER)
            .setNull(WEBHOOK_DELIVERIES.LEASE_EXPIRES_AT)
            .where(WEBHOOK_DELIVERIES.ID.eq(id), WEBHOOK_DELIVERIES.LEASE_OWNER.eq(owner), PENDING)
            .execute()
        == 1;
  }

  /** Due again at once, with a new schedule, whatever became of it; false if there is none. */
  public boolean redeliver(UUID id, Instant now) {
    return dsl.update(WEBHOOK_DELIVERIES)
            .set(WEBHOOK_DELIVERIES.STATUS, DeliveryStatus.PENDING.wireName())
            .set(WEBHOOK_DELIVERIES.ATTEMPTS, 0)
            .set(WEBHOOK_DELIVERIES.NEXT_ATTEMPT_AT, utc(now))
            .setNull(WEBHOOK_DELIVERIES.LEASE_OWNER)
            .setNull(WEBHOOK_DELIVERIES.LEASE_EXPIRES_AT)
            .where(WEBHOOK_DELIVERIES.ID.eq(id))
            .execute()
        == 1;
  }

  private static WebhookDelivery toDelivery(WebhookDeliveriesRecord row) {
    return new WebhookDelivery(
        row.getId(),
        row.getEndpointId(),
        row.getEventId(),
        row.getEventType(),
        row.getPayload(),
        DeliveryStatus.fromWire(row.getStatus()),
        row.getAttempts(),
        instant(row.getNextAttemptAt()),
        instant(row.getLastAttemptAt()),
        row.getLastStatusCode(),
        row.getLastError(),
        instant(row.getCreatedAt()));
  }
}
