-- Restore state of users who live in an external directory (issue 15): that directory keeps the
-- account, this one what an offboarding recorded so that restore can undo it. One script for
-- SQLite and PostgreSQL: the common types only, times in epoch milliseconds (see V1).

CREATE TABLE external_users (
  -- the configured directory's name, and the user's stable id there (AD: objectGUID)
  directory              TEXT    NOT NULL,
  user_id                TEXT    NOT NULL,
  -- null unless offboarded; the prior_* columns are the state recorded before its first change
  offboarded_at          BIGINT,
  prior_sign_in_blocked  BOOLEAN,
  prior_roles            TEXT,
  prior_protocols        TEXT,
  -- what the connector needs to undo its own part (AD: the entry's DN before the move to the
  -- leavers OU, the privileged groups it left); opaque to everything else
  connector_state        TEXT    NOT NULL,
  updated_at             BIGINT  NOT NULL,
  PRIMARY KEY (directory, user_id)
);
