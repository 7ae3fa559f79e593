-- Groups and licences in the built-in directory (issue 13, part 4). One script for SQLite and
-- PostgreSQL: the common types only, times in epoch milliseconds (see V1). "groups" is a keyword
-- on both engines (window frames), hence directory_groups.

CREATE TABLE directory_groups (
  id          TEXT    PRIMARY KEY,
  name        TEXT    NOT NULL,
  -- lower-cased name: unique and case-insensitive look-ups on both engines
  name_key    TEXT    NOT NULL UNIQUE,
  created_at  BIGINT  NOT NULL
);

-- A user's place in a group: a member, an owner, or both (one row each), as in Entra ID where
-- owning a group does not make one a member of it.
CREATE TABLE group_members (
  group_id  TEXT    NOT NULL REFERENCES directory_groups (id) ON DELETE CASCADE,
  user_id   TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  owner     BOOLEAN NOT NULL,
  added_at  BIGINT  NOT NULL,
  PRIMARY KEY (group_id, user_id, owner)
);
CREATE INDEX group_members_user ON group_members (user_id);

-- The licence catalogue: a product SKU and how many seats the tenant bought.
CREATE TABLE licences (
  sku    TEXT    PRIMARY KEY,
  name   TEXT    NOT NULL,
  seats  INTEGER NOT NULL CHECK (seats >= 0)
);

CREATE TABLE licence_assignments (
  sku          TEXT   NOT NULL REFERENCES licences (sku),
  user_id      TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  assigned_at  BIGINT NOT NULL,
  PRIMARY KEY (sku, user_id)
);
CREATE INDEX licence_assignments_user ON licence_assignments (user_id);

-- What offboarding removed, keyed to the user, so that restore re-adds exactly that and nothing
-- the user gained or lost otherwise. Restore deletes the rows it re-added.
CREATE TABLE removed_memberships (
  user_id     TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  group_id    TEXT    NOT NULL REFERENCES directory_groups (id) ON DELETE CASCADE,
  owner       BOOLEAN NOT NULL,
  removed_at  BIGINT  NOT NULL,
  PRIMARY KEY (user_id, group_id, owner)
);

CREATE TABLE removed_licences (
  user_id     TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  sku         TEXT   NOT NULL REFERENCES licences (sku),
  removed_at  BIGINT NOT NULL,
  PRIMARY KEY (user_id, sku)
);
