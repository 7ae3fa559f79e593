-- Offboardings scheduled for later (issue 13, part 7). One script for SQLite and PostgreSQL: the
-- common types only, times in epoch milliseconds (see V1). No foreign key to users: a schedule
-- and its result outlive the user's purge, as the audit does.
CREATE TABLE scheduled_offboardings (
  id                TEXT    PRIMARY KEY,
  user_id           TEXT    NOT NULL,
  user_name         TEXT    NOT NULL,
  -- how the time was given: AT (local_time in time_zone) or END_OF_LAST_WORKING_DAY (a date)
  when_kind         TEXT    NOT NULL,
  -- the ISO local date-time (AT) or date (END_OF_LAST_WORKING_DAY) as the admin gave it
  when_value        TEXT    NOT NULL,
  -- the IANA zone the time is read in
  time_zone         TEXT    NOT NULL,
  run_at            BIGINT  NOT NULL,
  -- a base64 accountadmin.v1.StepOptions: the template refined by the request
  options           TEXT    NOT NULL,
  -- SCHEDULED, DONE, FAILED or CANCELLED; RUNNING only inside the transaction that runs it, so
  -- that another replica's claim (a conditional UPDATE) waits for it and then finds it taken
  state             TEXT    NOT NULL,
  -- a base64 accountadmin.v1.ProcedureResult, once DONE
  result            TEXT,
  error_reason      TEXT,
  -- the error's metadata, as JSON
  error_metadata    TEXT,
  creator_id        TEXT    NOT NULL,
  creator_name      TEXT    NOT NULL,
  request_id        TEXT    NOT NULL,
  template_version  BIGINT  NOT NULL,
  created_at        BIGINT  NOT NULL,
  updated_at        BIGINT  NOT NULL,
  version           BIGINT  NOT NULL
);
-- What the scheduler's tick reads: the due ones.
CREATE INDEX scheduled_offboardings_due ON scheduled_offboardings (state, run_at);
CREATE INDEX scheduled_offboardings_user ON scheduled_offboardings (user_id);

-- A user's time zone, for "the end of the last working day"; a user without a row has the
-- tenant's default (the server's --default-time-zone).
CREATE TABLE user_time_zones (
  user_id     TEXT    PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  time_zone   TEXT    NOT NULL,
  updated_at  BIGINT  NOT NULL
);
