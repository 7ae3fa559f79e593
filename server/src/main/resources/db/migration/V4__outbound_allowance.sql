-- Lifting a sending restriction gives the sender a fresh allowance: the submissions counted so far
-- are marked forgiven (when) and no longer count against any limit, but stay until pruned.
ALTER TABLE mail_submissions ADD COLUMN forgiven_at BIGINT;
