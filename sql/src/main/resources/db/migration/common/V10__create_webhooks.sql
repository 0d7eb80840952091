-- Webhook endpoints: a tenant's URLs that receive signed events. The signing secret must be read
-- back to compute each HMAC, so it is stored as issued (see docs/webhooks.md); during a rotation
-- the previous secret signs too, until previous_secret_expires_at. events is a space-separated
-- list; api_base_url is the scheme and host the endpoint was created through, which the links in
-- its events use.
CREATE TABLE webhook_endpoints (
    id                         UUID                     NOT NULL,
    owner                      VARCHAR(200)             NOT NULL,
    url                        VARCHAR(2048)            NOT NULL,
    description                VARCHAR(500),
    events                     VARCHAR(500)             NOT NULL,
    secret                     VARCHAR(100)             NOT NULL,
    previous_secret            VARCHAR(100),
    previous_secret_expires_at TIMESTAMP WITH TIME ZONE,
    api_base_url               VARCHAR(2048)            NOT NULL,
    enabled                    BOOLEAN                  NOT NULL,
    disabled_reason            VARCHAR(2000),
    dead_in_a_row              INTEGER                  NOT NULL DEFAULT 0,
    created_at                 TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at                 TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT webhook_endpoints_pk PRIMARY KEY (id)
);

CREATE INDEX webhook_endpoints_owner_idx ON webhook_endpoints (owner, created_at);

-- The delivery ledger: one row per event and endpoint, written before the first try. event_id is
-- the webhook-id header, the same on every try. A node sends a delivery only while it holds its
-- lease, so of several API nodes one sends each try.
CREATE TABLE webhook_deliveries (
    id               UUID                     NOT NULL,
    endpoint_id      UUID                     NOT NULL,
    event_id         VARCHAR(64)              NOT NULL,
    event_type       VARCHAR(64)              NOT NULL,
    payload          TEXT                     NOT NULL,
    status           VARCHAR(16)              NOT NULL,
    attempts         INTEGER                  NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMP WITH TIME ZONE,
    last_attempt_at  TIMESTAMP WITH TIME ZONE,
    last_status_code INTEGER,
    last_error       VARCHAR(2000),
    lease_owner      VARCHAR(64),
    lease_expires_at TIMESTAMP WITH TIME ZONE,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT webhook_deliveries_pk PRIMARY KEY (id),
    CONSTRAINT webhook_deliveries_endpoint_fk FOREIGN KEY (endpoint_id)
        REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    CONSTRAINT webhook_deliveries_status_check CHECK (status IN ('pending', 'succeeded', 'dead'))
);

CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, created_at);
