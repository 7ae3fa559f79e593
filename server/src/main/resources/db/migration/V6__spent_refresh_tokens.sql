-- Refresh tokens already exchanged, one row each, so that a reused one is found by its key:
-- before, they were a comma-separated list searched with LIKE, a full scan for every unknown token.
CREATE TABLE spent_refresh_tokens (
  -- SHA-256 (64 hex digits) of a refresh token already exchanged; the token itself is never stored
  hash        TEXT  PRIMARY KEY,
  session_id  TEXT  NOT NULL REFERENCES sessions (id) ON DELETE CASCADE
);
CREATE INDEX spent_refresh_tokens_session ON spent_refresh_tokens (session_id);

-- The old list held 64-digit hashes joined by commas: every 65th character starts the next one.
WITH RECURSIVE split (session_id, hash, rest) AS (
  SELECT id, substr(spent_refresh_hashes, 1, 64), substr(spent_refresh_hashes, 66)
  FROM sessions WHERE spent_refresh_hashes <> ''
  UNION ALL
  SELECT session_id, substr(rest, 1, 64), substr(rest, 66) FROM split WHERE rest <> ''
)
INSERT INTO spent_refresh_tokens (hash, session_id) SELECT hash, session_id FROM split;

ALTER TABLE sessions DROP COLUMN spent_refresh_hashes;
