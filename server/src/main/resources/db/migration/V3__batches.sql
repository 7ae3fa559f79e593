-- Bulk offboarding: a batch and one row per user. An item turns DONE in the same transaction as
-- its user's offboarding, so after a crash each user is either untouched or fully offboarded,
-- and a resumed batch never does a user twice.
CREATE TABLE batches (
  id          TEXT    PRIMARY KEY,
  actor       TEXT    NOT NULL,
  created_at  BIGINT  NOT NULL,
  total       INTEGER NOT NULL
);

CREATE TABLE batch_items (
  batch_id  TEXT    NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
  position  INTEGER NOT NULL,
  name      TEXT    NOT NULL,
  -- PENDING, DONE or FAILED
  state     TEXT    NOT NULL,
  -- the streamed BatchOffboardUsersResponse (base64 protobuf); never holds a secret
  response  TEXT,
  PRIMARY KEY (batch_id, position)
);
