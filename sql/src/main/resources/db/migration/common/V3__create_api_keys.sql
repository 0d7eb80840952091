-- API keys. Only a SHA-256 of each secret is stored; the prefix, which clients send in front of the
-- secret, finds the row. scopes is a space-separated list.
CREATE TABLE api_keys (
    id            UUID                     NOT NULL,
    prefix        VARCHAR(32)              NOT NULL,
    secret_sha256 CHAR(64)                 NOT NULL,
    name          VARCHAR(100)             NOT NULL,
    tier          VARCHAR(16)              NOT NULL,
    scopes        VARCHAR(200)             NOT NULL,
    owner         VARCHAR(200)             NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at  TIMESTAMP WITH TIME ZONE,
    expires_at    TIMESTAMP WITH TIME ZONE,
    revoked_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT api_keys_pk PRIMARY KEY (id),
    CONSTRAINT api_keys_prefix_key UNIQUE (prefix)
);

CREATE INDEX api_keys_owner_idx ON api_keys (owner);
