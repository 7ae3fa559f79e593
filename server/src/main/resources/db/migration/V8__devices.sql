-- Mobile devices in the built-in directory, one row per (user, device id), registered at the
-- device's first Exchange ActiveSync sync. Times are epoch milliseconds; null: never happened.
CREATE TABLE devices (
  user_id             TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- the id the device reports over ActiveSync; unique per user, not across users
  device_id           TEXT    NOT NULL,
  model               TEXT    NOT NULL,
  first_sync_at       BIGINT  NOT NULL,
  last_sync_at        BIGINT  NOT NULL,
  -- set while the device's syncs are refused
  blocked_at          BIGINT,
  -- the audit correlation of the procedure that blocked it, so that its restore unblocks exactly
  -- the devices it blocked and none an admin blocked by hand
  blocked_by          TEXT,
  -- a wipe asked for: pending while wipe_confirmed_at is null, delivered at the next sync
  wipe_requested_at   BIGINT,
  wipe_requested_by   TEXT,
  -- the device acknowledged the wipe: this cannot be undone
  wipe_confirmed_at   BIGINT,
  PRIMARY KEY (user_id, device_id)
);
