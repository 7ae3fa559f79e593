-- Authentication methods in the built-in directory (issue 13, part 3). Times are epoch
-- milliseconds; null: never happened. Plain SQL that SQLite and PostgreSQL share.
CREATE TABLE authentication_methods (
  id              TEXT    PRIMARY KEY,
  user_id         TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- AUTHENTICATOR_APP, ALTERNATE_EMAIL or APP_PASSWORD
  kind            TEXT    NOT NULL,
  -- the name the user gave it; for an alternate email, the address
  display_name    TEXT    NOT NULL,
  -- an authenticator's key, AES-GCM encrypted under a server secret; an app password's hash;
  -- null for an alternate email. Read by sign-in only, never logged nor audited.
  secret          TEXT,
  created_at      BIGINT  NOT NULL,
  -- null while an authenticator is begun but not confirmed with a code
  registered_at   BIGINT,
  last_used_at    BIGINT,
  -- the last authenticator time step (30 s) that signed in: a code is accepted once
  last_time_step  BIGINT
);
CREATE INDEX authentication_methods_user ON authentication_methods (user_id);

-- Users who must register an authenticator again before a session of theirs may do anything else.
CREATE TABLE method_reregistrations (
  user_id         TEXT    PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  required_at     BIGINT  NOT NULL,
  -- the procedure that required it (null: by hand)
  required_by     TEXT
);

-- What an offboarding removed, kind and name only (never a secret), so that its restore gives
-- back what can come back and lists what cannot.
CREATE TABLE removed_authentication_methods (
  user_id         TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  method_id       TEXT    NOT NULL,
  kind            TEXT    NOT NULL,
  display_name    TEXT    NOT NULL,
  registered_at   BIGINT  NOT NULL,
  removed_at      BIGINT  NOT NULL,
  PRIMARY KEY (user_id, method_id)
);
