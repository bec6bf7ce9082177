/**
 * Sync failures in plain words. The replication loop reports errors as text
 * (an API error's detail, or RxDB's wrapper around it, which keeps the inner
 * message); when the HTTP status is known it decides, otherwise the text does.
 */
export type SyncProblem =
  | 'network'
  | 'session-expired'
  | 'forbidden'
  | 'too-large'
  | 'rejected'
  | 'outdated'
  | 'server'
  | 'unknown';

export function problemOfStatus(status: number): SyncProblem {
  if (status === 0) return 'network';
  if (status === 401) return 'session-expired';
  if (status === 403) return 'forbidden';
  if (status === 413) return 'too-large';
  if (status === 422) return 'rejected';
  if (status === 426) return 'outdated';
  if (status >= 500) return 'server';
  return 'unknown';
}

/** Phrases of the browser, the API client and the sync server's problem details (sync-server/http). */
const PATTERNS: [RegExp, SyncProblem][] = [
  [/network unreachable|failed to fetch|networkerror|load failed|err_internet_disconnected/i, 'network'],
  [/sign in again|sign in first|session token|登录已失效|session expired/i, 'session-expired'],
  [/outside your scope|may not (change|write|read)|not allowed|forbidden/i, 'forbidden'],
  [/larger than the limit|at most \d+ documents|payload too large/i, 'too-large'],
  [/failed validation|rejected/i, 'rejected'],
  [/newer version of the app|update the app|upgrade required/i, 'outdated'],
  [/shutting down|not answering|went wrong on the server/i, 'server'],
];

export function classifySyncError(error: { status?: number | null; message?: string | null }): SyncProblem | null {
  if (typeof error.status === 'number') return problemOfStatus(error.status);
  const full = error.message ?? '';
  if (!full) return null;
  // RxDB's wrapper lists the rows it tried before the errors: only the errors speak about the failure.
  const at = full.indexOf('\nerrors: ');
  const message = at >= 0 ? full.slice(at) : full;
  const http = /\bHTTP (\d{3})\b|"status":\s*(\d{3})/.exec(message);
  if (http) return problemOfStatus(Number(http[1] ?? http[2]));
  return PATTERNS.find(([re]) => re.test(message))?.[1] ?? 'unknown';
}

/** Why the server refused one document, in categories a person can act on; the server's own sentence is shown too. */
export type RejectionKind = 'invalid' | 'forbidden' | 'other';

export function rejectionKind(reason: string): RejectionKind {
  if (/^Invalid \w+ document/.test(reason)) return 'invalid';
  if (/outside your scope|may not|not allowed|only a role|permission|forbidden/i.test(reason)) return 'forbidden';
  return 'other';
}
