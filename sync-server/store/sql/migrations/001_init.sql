-- The first schema. Applied once; PRAGMA user_version records which migrations ran.

-- One row per document of every replicated collection: the current master state.
-- `seq` is the server sequence (the replication checkpoint); it is re-assigned on
-- every write so a pull ordered by seq sees each change exactly once, in commit order.
CREATE TABLE documents (
  collection TEXT NOT NULL,
  id TEXT NOT NULL,
  seq INTEGER NOT NULL UNIQUE,
  site_id TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  data TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  -- Who really pushed the last write (the document's own updatedBy is the client's claim).
  written_by TEXT NOT NULL,
  written_device TEXT,
  PRIMARY KEY (collection, id)
);
CREATE INDEX documents_pull ON documents (collection, seq);

-- A single counter so sequence numbers only grow, even across deletes of the whole table.
CREATE TABLE sequence (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);
INSERT INTO sequence (name, value) VALUES ('documents', 0);

-- Quarantine of pushed rows that failed validation or permission ("no poison pills").
CREATE TABLE rejections (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id TEXT NOT NULL,
  device_id TEXT,
  collection TEXT NOT NULL,
  doc_id TEXT,
  reason TEXT NOT NULL,
  raw TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX rejections_user ON rejections (user_id, id);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  site_ids TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);

-- Sessions keep only sha256 hashes of their tokens. The access token is short-lived;
-- the refresh token rotates on every use and the previous one is remembered so a
-- replayed (stolen) refresh token can be detected.
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id),
  access_hash TEXT NOT NULL UNIQUE,
  access_expires_at INTEGER NOT NULL,
  refresh_hash TEXT NOT NULL UNIQUE,
  refresh_expires_at INTEGER NOT NULL,
  previous_refresh_hash TEXT UNIQUE,
  rotated_at INTEGER,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE INDEX sessions_user ON sessions (user_id);
