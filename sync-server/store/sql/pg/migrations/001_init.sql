-- The first PostgreSQL schema (the same tables as SQLite's 001_init.sql).
-- Applied once; schema_migrations records which migrations ran.

-- One row per document of every replicated collection: the current master state.
-- `seq` is the server sequence (the replication checkpoint), re-assigned on every
-- write, so a pull ordered by seq sees each change once, in commit order. `data`
-- is the JSON text as validated (TEXT, not JSONB: JSONB rejects \u0000 and
-- reorders keys; the server never queries inside documents).
CREATE TABLE documents (
  collection TEXT NOT NULL,
  id TEXT NOT NULL,
  seq BIGINT NOT NULL UNIQUE,
  site_id TEXT NOT NULL,
  deleted BOOLEAN NOT NULL DEFAULT false,
  data TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  written_by TEXT NOT NULL,
  written_device TEXT,
  PRIMARY KEY (collection, id)
);
CREATE INDEX documents_pull ON documents (collection, seq);
CREATE INDEX documents_pull_site ON documents (collection, site_id, seq);

-- The single sequence counter. Every writing transaction locks this row first
-- and increments it before committing, which orders commits by seq (see postgres.ts).
CREATE TABLE sequence (
  name TEXT PRIMARY KEY,
  value BIGINT NOT NULL
);
INSERT INTO sequence (name, value) VALUES ('documents', 0);

-- Quarantine of pushed rows that failed validation or permission ("no poison pills").
CREATE TABLE rejections (
  id BIGSERIAL PRIMARY KEY,
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
  username TEXT NOT NULL,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  site_ids TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  disabled BOOLEAN NOT NULL DEFAULT false,
  created_at TEXT NOT NULL
);
-- Usernames are unique regardless of case.
CREATE UNIQUE INDEX users_username ON users (lower(username));

CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id),
  access_hash TEXT NOT NULL UNIQUE,
  access_expires_at BIGINT NOT NULL,
  refresh_hash TEXT NOT NULL UNIQUE,
  refresh_expires_at BIGINT NOT NULL,
  previous_refresh_hash TEXT UNIQUE,
  rotated_at BIGINT,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE INDEX sessions_user ON sessions (user_id);
