-- The tenant's default offboarding template (issue 13, part 5): every version kept, the highest
-- is the current one. A change inserts version + 1; two admins changing the same version race on
-- the primary key, and the loser is told the version moved on.
CREATE TABLE offboarding_templates (
  version       BIGINT  PRIMARY KEY,
  -- a base64 accountadmin.v1.StepOptions
  options       TEXT    NOT NULL,
  updater_id    TEXT    NOT NULL,
  updater_name  TEXT    NOT NULL,
  updated_at    BIGINT  NOT NULL
);

-- Who may open a user's files besides the user (the sixth leaver step: keep the files for the
-- manager). by_offboarding marks the grants an offboarding gave, which its restore takes back.
CREATE TABLE file_access_grants (
  user_id        TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  grantee_id     TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  grantee_name   TEXT    NOT NULL,
  by_offboarding BOOLEAN NOT NULL,
  granted_at     BIGINT  NOT NULL,
  PRIMARY KEY (user_id, grantee_id)
);
