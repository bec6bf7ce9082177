-- Named statements for the PostgreSQL store (see store/sql.ts); @name
-- parameters become $1, $2, … when loaded (store/postgres.ts).

-- name: ping
SELECT 1 AS ok;

-- name: lockSequence
-- Taken first by every push: writers run one at a time, in seq order (see postgres.ts).
SELECT value FROM sequence WHERE name = 'documents' FOR UPDATE;

-- name: takeSeqs
UPDATE sequence SET value = value + @n WHERE name = 'documents' RETURNING value;

-- name: getDocuments
SELECT collection, id, seq, site_id, deleted, data FROM documents
WHERE collection = @collection AND id = ANY(@ids::text[]);

-- name: upsertDocuments
INSERT INTO documents (collection, id, seq, site_id, deleted, data, updated_at, written_by, written_device)
SELECT @collection, w.id, w.seq, w.site_id, w.deleted, w.data, w.updated_at, @writtenBy, w.device
FROM unnest(@ids::text[], @seqs::bigint[], @siteIds::text[], @deleted::boolean[], @data::text[], @updatedAt::text[], @devices::text[])
  AS w (id, seq, site_id, deleted, data, updated_at, device)
ON CONFLICT (collection, id) DO UPDATE SET
  seq = excluded.seq,
  site_id = excluded.site_id,
  deleted = excluded.deleted,
  data = excluded.data,
  updated_at = excluded.updated_at,
  written_by = excluded.written_by,
  written_device = excluded.written_device;

-- name: pullAll
SELECT collection, id, seq, site_id, deleted, data FROM documents
WHERE collection = @collection AND seq > @afterSeq
ORDER BY seq
LIMIT @limit;

-- name: pullScoped
SELECT collection, id, seq, site_id, deleted, data FROM documents
WHERE collection = @collection AND seq > @afterSeq AND (site_id = '*' OR site_id = ANY(@siteIds::text[]))
ORDER BY seq
LIMIT @limit;

-- name: pullRange
-- What another server process committed (LISTEN/NOTIFY carries the range, not the documents).
SELECT collection, id, seq, site_id, deleted, data FROM documents
WHERE collection = @collection AND seq BETWEEN @fromSeq AND @toSeq
ORDER BY seq;

-- name: pullSince
-- Catch-up after the LISTEN connection was lost.
SELECT collection, id, seq, site_id, deleted, data FROM documents
WHERE seq > @afterSeq ORDER BY seq LIMIT @limit;

-- name: maxSeq
SELECT value FROM sequence WHERE name = 'documents';

-- name: insertRejections
INSERT INTO rejections (user_id, device_id, collection, doc_id, reason, raw, created_at)
SELECT @userId, r.device_id, @collection, r.doc_id, r.reason, r.raw, @createdAt
FROM unnest(@deviceIds::text[], @docIds::text[], @reasons::text[], @raws::text[]) WITH ORDINALITY AS r (device_id, doc_id, reason, raw, n)
ORDER BY r.n;

-- name: listRejectionsAll
SELECT id, user_id, device_id, collection, doc_id, reason, raw, created_at FROM rejections
WHERE id < @beforeId ORDER BY id DESC LIMIT @limit;

-- name: listRejectionsOfUser
SELECT id, user_id, device_id, collection, doc_id, reason, raw, created_at FROM rejections
WHERE user_id = @userId AND id < @beforeId ORDER BY id DESC LIMIT @limit;

-- name: countUsers
SELECT count(*)::int AS n FROM users;

-- name: insertUser
INSERT INTO users (id, username, display_name, role, site_ids, password_hash, disabled, created_at, staff_id)
VALUES (@id, @username, @displayName, @role, @siteIds, @passwordHash, false, @createdAt, @staffId);

-- name: getUserByUsername
SELECT id, username, display_name, role, site_ids, password_hash, disabled, staff_id FROM users
WHERE lower(username) = lower(@username);

-- name: getUserById
SELECT id, username, display_name, role, site_ids, password_hash, disabled, staff_id FROM users
WHERE id = @id;

-- name: disableUser
UPDATE users SET disabled = true WHERE id = @id;

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

-- name: getLastAudit
SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1;

-- name: insertAudit
INSERT INTO audit_log (seq, at, user_id, device_id, collection, doc_id, action, fields, doc_hash, prev_hash, hash)
SELECT a.seq, @at, @userId, a.device_id, @collection, a.doc_id, a.action, a.fields, a.doc_hash, a.prev_hash, a.hash
FROM unnest(@seqs::bigint[], @deviceIds::text[], @docIds::text[], @actions::text[], @fields::text[], @docHashes::text[], @prevHashes::text[], @hashes::text[])
  AS a (seq, device_id, doc_id, action, fields, doc_hash, prev_hash, hash);

-- name: auditHistory
SELECT seq, at, user_id, device_id, collection, doc_id, action, fields, doc_hash, prev_hash, hash FROM audit_log
WHERE collection = @collection AND doc_id = @docId ORDER BY seq;

-- name: auditPage
SELECT seq, at, user_id, device_id, collection, doc_id, action, fields, doc_hash, prev_hash, hash FROM audit_log
WHERE seq > @afterSeq ORDER BY seq LIMIT @limit;

-- name: documentPage
SELECT collection, id, seq, deleted, data FROM documents WHERE seq > @afterSeq ORDER BY seq LIMIT @limit;

-- name: deleteMediaRefsOfDocs
DELETE FROM media_refs WHERE collection = @collection AND doc_id = ANY(@docIds::text[]);

-- name: insertMediaRefs
INSERT INTO media_refs (hash, collection, doc_id)
SELECT r.hash, @collection, r.doc_id FROM unnest(@hashes::text[], @docIds::text[]) AS r (hash, doc_id)
ON CONFLICT DO NOTHING;

-- name: mediaReferences
SELECT collection, doc_id FROM media_refs WHERE hash = @hash LIMIT @limit;

-- name: insertMedia
INSERT INTO media (hash, content_type, size, uploaded_by, created_at, bytes)
VALUES (@hash, @contentType, @size, @uploadedBy, @createdAt, @bytes)
ON CONFLICT (hash) DO NOTHING;

-- name: getMediaInfo
SELECT hash, content_type, size, uploaded_by, created_at FROM media WHERE hash = @hash;

-- name: readMedia
SELECT bytes FROM media WHERE hash = @hash;

-- name: insertDevice
INSERT INTO devices (id, site_id, name, credential_hash, created_at, created_by)
VALUES (@id, @siteId, @name, @credentialHash, @createdAt, @createdBy);

-- name: getDevice
SELECT d.id, d.site_id, d.name, d.created_at, d.created_by, d.revoked_at, c.at AS last_seen_at, c.offset_ms
FROM devices d LEFT JOIN device_clocks c ON c.device_id = d.id
WHERE d.id = @id;

-- name: getDeviceByCredentialHash
SELECT d.id, d.site_id, d.name, d.created_at, d.created_by, d.revoked_at, c.at AS last_seen_at, c.offset_ms
FROM devices d LEFT JOIN device_clocks c ON c.device_id = d.id
WHERE d.credential_hash = @hash;

-- name: listDevicesAll
SELECT d.id, d.site_id, d.name, d.created_at, d.created_by, d.revoked_at, c.at AS last_seen_at, c.offset_ms
FROM devices d LEFT JOIN device_clocks c ON c.device_id = d.id
ORDER BY d.created_at, d.id;

-- name: listDevicesScoped
SELECT d.id, d.site_id, d.name, d.created_at, d.created_by, d.revoked_at, c.at AS last_seen_at, c.offset_ms
FROM devices d LEFT JOIN device_clocks c ON c.device_id = d.id
WHERE d.site_id = ANY(@siteIds::text[])
ORDER BY d.created_at, d.id;

-- name: revokeDevice
UPDATE devices SET revoked_at = @revokedAt WHERE id = @id AND revoked_at IS NULL;

-- name: upsertClock
INSERT INTO device_clocks (device_id, user_id, offset_ms, at) VALUES (@deviceId, @userId, @offsetMs, @at)
ON CONFLICT (device_id) DO UPDATE SET user_id = excluded.user_id, offset_ms = excluded.offset_ms, at = excluded.at;

-- name: getClock
SELECT device_id, user_id, offset_ms, at FROM device_clocks WHERE device_id = @deviceId;
