-- The AccountAdmin schema. One script for SQLite and PostgreSQL: types are the common subset
-- (TEXT, BIGINT, INTEGER, BOOLEAN), times are epoch milliseconds in UTC.

-- The deployment: one tenant with its primary domain.
CREATE TABLE tenant (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  domain      TEXT    NOT NULL,
  created_at  BIGINT  NOT NULL
);

CREATE TABLE users (
  id                        TEXT    PRIMARY KEY,
  upn                       TEXT    NOT NULL,
  -- lower-cased upn: unique and case-insensitive look-ups on both engines
  upn_key                   TEXT    NOT NULL UNIQUE,
  display_name              TEXT    NOT NULL,
  preferred_language        TEXT    NOT NULL,
  -- comma-separated role names, sorted; empty for a non-admin
  roles                     TEXT    NOT NULL,
  sign_in_blocked           BOOLEAN NOT NULL,
  -- PHC-encoded Argon2id hash, or NULL for a credential nobody knows (offboarded)
  password_hash             TEXT,
  password_changed_at       BIGINT  NOT NULL,
  password_change_required  BOOLEAN NOT NULL,
  failed_attempts           INTEGER NOT NULL,
  -- keyed fingerprints of the last wrong passwords, so a repeat does not count twice
  recent_failures           TEXT    NOT NULL,
  lockout_count             INTEGER NOT NULL,
  locked_until              BIGINT,
  -- comma-separated enabled mail protocols
  enabled_protocols         TEXT    NOT NULL,
  restriction_reason        TEXT,
  restricted_at             BIGINT,
  restriction_expires_at    BIGINT,
  restriction_lift_count    INTEGER NOT NULL,
  offboarded_at             BIGINT,
  -- the state before offboarding, for RestoreUser
  prior_state               TEXT,
  deleted_at                BIGINT,
  created_at                BIGINT  NOT NULL,
  updated_at                BIGINT  NOT NULL,
  version                   BIGINT  NOT NULL
);
CREATE INDEX users_restricted ON users (restricted_at);
CREATE INDEX users_deleted ON users (deleted_at);

CREATE TABLE sessions (
  id                      TEXT    PRIMARY KEY,
  user_id                 TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  client_app              TEXT    NOT NULL,
  created_at              BIGINT  NOT NULL,
  -- SHA-256 of the current refresh token; the token itself is never stored
  refresh_hash            TEXT    NOT NULL UNIQUE,
  -- hashes of refresh tokens already exchanged: reuse of one revokes the session
  spent_refresh_hashes    TEXT    NOT NULL,
  -- the latest expiry of an access token issued for this session
  access_expires_at       BIGINT  NOT NULL,
  refresh_expires_at      BIGINT  NOT NULL,
  revoked_at              BIGINT
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Server secrets (the token signing key, the wrong-password fingerprint key), created on first
-- start and shared by every replica on one database.
CREATE TABLE server_secrets (
  name        TEXT    PRIMARY KEY,
  value       TEXT    NOT NULL,
  created_at  BIGINT  NOT NULL
);

-- Append-only, hash-chained audit log.
CREATE TABLE audit_events (
  sequence        BIGINT  PRIMARY KEY,
  time            BIGINT  NOT NULL,
  actor           TEXT    NOT NULL,
  client_address  TEXT    NOT NULL,
  action          TEXT    NOT NULL,
  target          TEXT    NOT NULL,
  request_id      TEXT    NOT NULL,
  outcome         TEXT    NOT NULL,
  details         TEXT    NOT NULL,
  previous_hash   TEXT    NOT NULL,
  hash            TEXT    NOT NULL
);
CREATE INDEX audit_events_actor ON audit_events (actor, sequence);
CREATE INDEX audit_events_target ON audit_events (target, sequence);
CREATE INDEX audit_events_time ON audit_events (time);

-- The chain's head, one row: appenders lock it, so appends from any replica form one chain.
CREATE TABLE audit_head (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  sequence  BIGINT  NOT NULL,
  hash      TEXT    NOT NULL
);
INSERT INTO audit_head (id, sequence, hash)
  VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Idempotent retries (AIP-155): the first response to a request_id, per caller.
CREATE TABLE idempotency (
  request_id    TEXT    NOT NULL,
  actor         TEXT    NOT NULL,
  method        TEXT    NOT NULL,
  request_hash  TEXT    NOT NULL,
  response      TEXT    NOT NULL,
  created_at    BIGINT  NOT NULL,
  PRIMARY KEY (actor, request_id)
);
