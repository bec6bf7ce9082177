-- Audit log, kiosk devices, device clocks, media, and the staff record of a user.

ALTER TABLE users ADD COLUMN staff_id TEXT;

-- Append-only, hash-chained log of every accepted write, written in the same
-- transaction as the write. `seq` is the write's document sequence number, so
-- the chain follows commit order. Nothing updates or deletes these rows;
-- `verify-audit` recomputes the chain.
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
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

-- Kiosk tablets enrolled to one site. Only a hash of the credential is kept.
-- Each device also has a row in users (id 'device:<id>', unusable password)
-- so its sessions work like a person's; revoking disables that user.
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

-- The latest clock reading per device (kiosk or browser), from X-Device-Time.
CREATE TABLE device_clocks (
  device_id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  offset_ms INTEGER NOT NULL,
  at TEXT NOT NULL
);

-- Media (photos, signatures) by SHA-256. SQLite deployments keep the bytes in
-- DATA_DIR/media/ab/cdef… (content-addressed files); this table holds what the
-- server needs to serve and authorise them.
CREATE TABLE media (
  hash TEXT PRIMARY KEY,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  uploaded_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);

-- Which documents refer to a media hash: their readers may fetch it.
CREATE TABLE media_refs (
  hash TEXT NOT NULL,
  collection TEXT NOT NULL,
  doc_id TEXT NOT NULL,
  PRIMARY KEY (hash, collection, doc_id)
);
CREATE INDEX media_refs_doc ON media_refs (collection, doc_id);
