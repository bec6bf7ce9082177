-- Named statements for the SQLite store, parsed once at start (see store/sql.ts).
-- Each statement starts with a "-- name: <name>" line. Parameters are named (@x).

-- name: ping
SELECT 1 AS ok;

-- name: nextSeq
UPDATE sequence SET value = value + 1 WHERE name = 'documents' RETURNING value;

-- name: getDocument
SELECT collection, id, seq, site_id, deleted, data FROM documents
WHERE collection = @collection AND id = @id;

-- name: upsertDocument
INSERT INTO documents (collection, id, seq, site_id, deleted, data, updated_at, written_by, written_device)
VALUES (@collection, @id, @seq, @siteId, @deleted, @data, @updatedAt, @writtenBy, @writtenDevice)
ON CONFLICT (collection, id) DO UPDATE SET
  seq = excluded.seq,
  site_id = excluded.site_id,
  deleted = excluded.deleted,
  data = excluded.data,
  updated_at = excluded.updated_at,
  written_by = excluded.written_by,
  written_device = excluded.written_device;

-- name: pullAll
-- Every site: for users whose scope is the whole organisation.
SELECT collection, id, seq, site_id, deleted, data FROM documents
WHERE collection = @collection AND seq > @afterSeq
ORDER BY seq
LIMIT @limit;

-- name: pullScoped
-- Only documents of the listed sites (a JSON array) and organisation-wide ones ('*').
SELECT collection, id, seq, site_id, deleted, data FROM documents
WHERE collection = @collection AND seq > @afterSeq
  AND (site_id = '*' OR site_id IN (SELECT value FROM json_each(@siteIds)))
ORDER BY seq
LIMIT @limit;

-- name: insertRejection
INSERT INTO rejections (user_id, device_id, collection, doc_id, reason, raw, created_at)
VALUES (@userId, @deviceId, @collection, @docId, @reason, @raw, @createdAt);

-- name: listRejectionsAll
SELECT id, user_id, device_id, collection, doc_id, reason, raw, created_at FROM rejections
WHERE id < @beforeId ORDER BY id DESC LIMIT @limit;

-- name: listRejectionsOfUser
SELECT id, user_id, device_id, collection, doc_id, reason, raw, created_at FROM rejections
WHERE user_id = @userId AND id < @beforeId ORDER BY id DESC LIMIT @limit;

-- name: countUsers
SELECT count(*) AS n FROM users;

-- name: insertUser
INSERT INTO users (id, username, display_name, role, site_ids, password_hash, disabled, created_at)
VALUES (@id, @username, @displayName, @role, @siteIds, @passwordHash, @disabled, @createdAt);

-- name: getUserByUsername
SELECT id, username, display_name, role, site_ids, password_hash, disabled FROM users
WHERE username = @username;

-- name: getUserById
SELECT id, username, display_name, role, site_ids, password_hash, disabled FROM users
WHERE id = @id;

-- name: insertSession
INSERT INTO sessions (id, user_id, access_hash, access_expires_at, refresh_hash, refresh_expires_at, created_at)
VALUES (@id, @userId, @accessHash, @accessExpiresAt, @refreshHash, @refreshExpiresAt, @createdAt);

-- name: getSessionByAccessHash
SELECT id, user_id, access_expires_at, refresh_expires_at, rotated_at, created_at, revoked_at FROM sessions
WHERE access_hash = @hash;

-- name: getSessionByRefreshHash
SELECT id, user_id, access_expires_at, refresh_expires_at, rotated_at, created_at, revoked_at,
  CASE WHEN refresh_hash = @hash THEN 'current' ELSE 'previous' END AS matched
FROM sessions
WHERE refresh_hash = @hash OR previous_refresh_hash = @hash;

-- name: rotateSession
-- Only rotates a live session, and only from a refresh token it issued (the current one or the one it replaced).
UPDATE sessions SET
  access_hash = @accessHash,
  access_expires_at = @accessExpiresAt,
  previous_refresh_hash = refresh_hash,
  refresh_hash = @refreshHash,
  refresh_expires_at = @refreshExpiresAt,
  rotated_at = @rotatedAt
WHERE id = @id AND revoked_at IS NULL AND (refresh_hash = @presentedHash OR previous_refresh_hash = @presentedHash);

-- name: revokeSession
UPDATE sessions SET revoked_at = @revokedAt WHERE id = @id AND revoked_at IS NULL;

-- name: revokeUserSessions
UPDATE sessions SET revoked_at = @revokedAt WHERE user_id = @userId AND revoked_at IS NULL;
