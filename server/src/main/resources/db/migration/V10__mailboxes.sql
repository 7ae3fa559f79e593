-- Mailbox settings, delegates and inbox rules in the built-in directory (issue 13, part 1). One
-- script for SQLite and PostgreSQL: the common types only, times in epoch milliseconds (see V1).

-- A user's mailbox settings; a user without a row has the defaults (a listed user mailbox, no
-- forwarding, no automatic replies, no hold).
CREATE TABLE mailboxes (
  user_id              TEXT    PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  shared               BOOLEAN NOT NULL,
  hidden               BOOLEAN NOT NULL,
  -- the mailbox of the tenant mail is forwarded to; null: no forwarding
  forward_to           TEXT    REFERENCES users (id) ON DELETE SET NULL,
  keep_copy            BOOLEAN NOT NULL,
  -- automatic replies are on when auto_reply_internal is not null
  auto_reply_internal  TEXT,
  auto_reply_external  TEXT,
  auto_reply_start     BIGINT,
  auto_reply_end       BIGINT,
  litigation_hold_at   BIGINT
);

-- Full access to a shared mailbox. added_by: the procedure that added it (restore takes back
-- exactly those), null by hand.
CREATE TABLE mailbox_delegates (
  mailbox_user_id   TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  delegate_user_id  TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  added_by          TEXT,
  added_at          BIGINT NOT NULL,
  PRIMARY KEY (mailbox_user_id, delegate_user_id)
);
CREATE INDEX mailbox_delegates_delegate ON mailbox_delegates (delegate_user_id);

-- Rules a user made for their inbox. Empty strings, not nulls, for the actions a rule lacks.
CREATE TABLE inbox_rules (
  id                TEXT    PRIMARY KEY,
  user_id           TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name              TEXT    NOT NULL,
  subject_contains  TEXT    NOT NULL,
  forward_to        TEXT    NOT NULL,
  redirect_to       TEXT    NOT NULL,
  delete_message    BOOLEAN NOT NULL,
  move_to_folder    TEXT    NOT NULL,
  created_at        BIGINT  NOT NULL
);
CREATE INDEX inbox_rules_user ON inbox_rules (user_id);

-- The settings as they were before an offboarding's step (step_kind) changed them, so that
-- restore puts back exactly that; restore deletes the row it undid. Same columns as mailboxes.
CREATE TABLE mailbox_priors (
  user_id              TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  step_kind            TEXT    NOT NULL,
  shared               BOOLEAN NOT NULL,
  hidden               BOOLEAN NOT NULL,
  forward_to           TEXT    REFERENCES users (id) ON DELETE SET NULL,
  keep_copy            BOOLEAN NOT NULL,
  auto_reply_internal  TEXT,
  auto_reply_external  TEXT,
  auto_reply_start     BIGINT,
  auto_reply_end       BIGINT,
  litigation_hold_at   BIGINT,
  recorded_at          BIGINT  NOT NULL,
  PRIMARY KEY (user_id, step_kind)
);

-- Inbox rules an offboarding deleted: their content is gone, and restore can only name them.
CREATE TABLE deleted_inbox_rules (
  id                TEXT    NOT NULL,
  user_id           TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name              TEXT    NOT NULL,
  subject_contains  TEXT    NOT NULL,
  forward_to        TEXT    NOT NULL,
  redirect_to       TEXT    NOT NULL,
  delete_message    BOOLEAN NOT NULL,
  move_to_folder    TEXT    NOT NULL,
  created_at        BIGINT  NOT NULL,
  deleted_at        BIGINT  NOT NULL,
  PRIMARY KEY (user_id, id)
);
