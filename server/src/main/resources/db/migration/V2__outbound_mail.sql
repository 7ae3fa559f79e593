-- Outbound mail: one row per submitted message, so limits are counted over a rolling hour and
-- the UTC day. Rows older than a day are pruned as the sender submits.
CREATE TABLE mail_submissions (
  id                  TEXT    PRIMARY KEY,
  user_id             TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  time                BIGINT  NOT NULL,
  internal_count      INTEGER NOT NULL,
  external_count      INTEGER NOT NULL
);
CREATE INDEX mail_submissions_user_time ON mail_submissions (user_id, time);
