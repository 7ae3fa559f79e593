-- Failed sign-ins per client address, for throttling password spraying. An address from which
-- someone once signed in successfully is familiar: its failures count against a higher limit of
-- their own and never against the limit shared by all unfamiliar addresses. Rows older than the
-- throttle's window are pruned as failures arrive.
CREATE TABLE sign_in_failures (
  address   TEXT    NOT NULL,
  familiar  BOOLEAN NOT NULL,
  time      BIGINT  NOT NULL
);
CREATE INDEX sign_in_failures_address_time ON sign_in_failures (address, time);
CREATE INDEX sign_in_failures_familiar_time ON sign_in_failures (familiar, time);

CREATE TABLE familiar_addresses (
  address          TEXT   PRIMARY KEY,
  last_success_at  BIGINT NOT NULL
);
