import { api, ApiError } from '../../sync/api';

/**
 * A record's history from the sync server's audit log
 * (`GET /api/v1/audit?collection=&docId=`). The log lives only on the server,
 * so offline, or while a server does not offer it, the view falls back to the
 * document's own last-change stamp.
 */
export interface AuditEntry {
  at: string;
  userId?: string;
  deviceId?: string;
  action?: string;
  fields?: string[];
}

export type AuditResult =
  | { state: 'ok'; entries: AuditEntry[] }
  | { state: 'offline' }
  | { state: 'unavailable'; status: number };

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

/** Reads the entries whatever the exact envelope (`[...]`, `{entries}`, `{items}` or `{audit}`), newest first. */
export function normalizeAudit(body: unknown): AuditEntry[] | null {
  const list = Array.isArray(body)
    ? body
    : body && typeof body === 'object'
      ? ((body as Record<string, unknown>).entries ?? (body as Record<string, unknown>).items ?? (body as Record<string, unknown>).audit)
      : undefined;
  if (!Array.isArray(list)) return null;
  const entries: AuditEntry[] = [];
  for (const raw of list) {
    if (!raw || typeof raw !== 'object') continue;
    const e = raw as Record<string, unknown>;
    const at = str(e.at) ?? str(e.time) ?? str(e.timestamp) ?? str(e.receivedAt) ?? str(e.createdAt);
    if (!at) continue;
    const fields = Array.isArray(e.fields) ? e.fields : Array.isArray(e.changedFields) ? e.changedFields : undefined;
    entries.push({
      at,
      userId: str(e.userId) ?? str(e.user) ?? str(e.actor) ?? str(e.updatedBy),
      deviceId: str(e.deviceId) ?? str(e.device),
      action: str(e.action) ?? str(e.op) ?? str(e.kind),
      fields: fields?.filter((f): f is string => typeof f === 'string'),
    });
  }
  return entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

export async function fetchAudit(token: string, collection: string, docId: string, signal?: AbortSignal): Promise<AuditResult> {
  try {
    const body = await api<unknown>(`/audit?collection=${encodeURIComponent(collection)}&docId=${encodeURIComponent(docId)}`, {
      token,
      signal,
    });
    const entries = normalizeAudit(body);
    return entries ? { state: 'ok', entries } : { state: 'unavailable', status: 200 };
  } catch (err) {
    if (err instanceof ApiError) return err.isNetwork ? { state: 'offline' } : { state: 'unavailable', status: err.status };
    throw err;
  }
}
