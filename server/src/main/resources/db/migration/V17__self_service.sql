-- Self-service recovery for users who cannot sign in (issue 14, part 3). Times are epoch
-- milliseconds. Plain SQL that SQLite and PostgreSQL share.
--
-- One row per begun recovery, whoever was asked for: a recovery for an unknown user, a user
-- without the method, or one who may not recover has no user_id and can never complete, so the
-- answers look the same. No secret is stored in the clear: the recovery id and an emailed code
-- are kept as keyed hashes only.
CREATE TABLE self_service_recoveries (
  id_hash        TEXT    PRIMARY KEY,
  -- the user name as asked for (lower case), for the audit and the password policy
  asked_name     TEXT    NOT NULL,
  -- the user it recovers; null when it can never complete
  user_id        TEXT    REFERENCES users (id) ON DELETE CASCADE,
  -- why it can never complete (for the audit): USER_NOT_FOUND, METHOD_NOT_REGISTERED, SIGN_IN_BLOCKED, ...
  refusal        TEXT,
  -- AUTHENTICATOR_APP or ALTERNATE_EMAIL
  method         TEXT    NOT NULL,
  -- an emailed code's keyed hash; null for an authenticator app
  code_hash      TEXT,
  created_at     BIGINT  NOT NULL,
  expires_at     BIGINT  NOT NULL,
  attempts_left  INTEGER NOT NULL,
  completed_at   BIGINT
);
CREATE INDEX self_service_recoveries_expires ON self_service_recoveries (expires_at);

-- Self-service attempts counted for rate limits, shared by every replica: per user name asked
-- for (USER), per client address the portal passed (ADDRESS) and per gRPC peer (PEER).
CREATE TABLE self_service_attempts (
  scope    TEXT    NOT NULL,
  subject  TEXT    NOT NULL,
  time     BIGINT  NOT NULL
);
CREATE INDEX self_service_attempts_subject ON self_service_attempts (scope, subject, time);
CREATE INDEX self_service_attempts_time ON self_service_attempts (time);
