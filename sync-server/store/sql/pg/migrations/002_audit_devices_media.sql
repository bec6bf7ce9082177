-- Audit log, kiosk devices, device clocks, media, and the staff record of a user
-- (the same as SQLite's 002). PostgreSQL deployments keep media bytes in the
-- database (media.bytes), so every server instance can serve every picture.

ALTER TABLE users ADD COLUMN staff_id TEXT;

-- Append-only, hash-chained log of every accepted write, in the same transaction.
CREATE TABLE audit_log (
  seq BIGINT PRIMARY KEY,
  at TEXT NOT NULL,
  user_id TEXT NOT NULL,
  device_id TEXT,
  collection TEXT NOT NULL,
  doc_id TEXT NOT NULL,
  action TEXT NOT NULL,
  fields TEXT NOT NULL,
  doc_hash TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_doc ON audit_log (collection, doc_id, seq);

CREATE TABLE devices (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL,
  name TEXT NOT NULL,
  credential_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX devices_site ON devices (site_id);

CREATE TABLE device_clocks (
  device_id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  offset_ms BIGINT NOT NULL,
  at TEXT NOT NULL
);

CREATE TABLE media (
  hash TEXT PRIMARY KEY,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  uploaded_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  bytes BYTEA NOT NULL
);

CREATE TABLE media_refs (
  hash TEXT NOT NULL,
  collection TEXT NOT NULL,
  doc_id TEXT NOT NULL,
  PRIMARY KEY (hash, collection, doc_id)
);
CREATE INDEX media_refs_doc ON media_refs (collection, doc_id);
