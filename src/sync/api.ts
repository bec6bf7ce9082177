import { HEADERS, PROTOCOL_VERSION } from '../domain/protocol';
import { syncStatus } from './status';

/** The versioned API the sync server speaks; a 426 means this app is older than the server. */
export const API_BASE = '/api/v1';

/** A problem+json answer from the server, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
  get isNetwork(): boolean {
    return this.status === 0;
  }
}

/**
 * Where a request gets its bearer token. `token()` may renew a token that is
 * about to expire first; after a 401, `refresh(refused)` renews it (unless
 * another request already did) and says whether a retry can succeed.
 */
export interface TokenSource {
  token(): Promise<string | null>;
  refresh(refused: string): Promise<boolean>;
}

export interface ApiOptions {
  /** A fixed bearer token (sign-in screens, tests); prefer `auth`, which renews it. */
  token?: string;
  auth?: TokenSource;
  method?: string;
  body?: unknown;
  signal?: AbortSignal;
  /**
   * Give up on a request after this long (default 30 s) as on a network error, so that a connection
   * that went dead without closing (hall Wi-Fi) never holds replication's push or pull queue forever.
   */
  timeoutMs?: number;
  /** Absolute origin for use outside the browser (tests, benchmarks); defaults to the page's origin. */
  baseUrl?: string;
  headers?: Record<string, string>;
}

const REQUEST_TIMEOUT_MS = 30_000;

let outdatedListener: (() => void) | undefined;
/** Called once when the server answers 426 (client too old): the app shows an update prompt. */
export function onClientOutdated(listener: () => void): void {
  outdatedListener = listener;
}

/**
 * Reads the server's clock from an answer: its X-Server-Time, else the
 * `Date` header every HTTP answer carries (whole seconds, so the middle of
 * that second is taken).
 */
export function serverTimeOf(res: Response): number | null {
  const precise = Date.parse(res.headers.get(HEADERS.serverTime) ?? '');
  if (Number.isFinite(precise)) return precise;
  const date = res.headers.get('date');
  const ms = date ? Date.parse(date) : NaN;
  return Number.isFinite(ms) ? ms + 500 : null;
}

/** Headers every request carries: the protocol version (an outdated client gets 426) and the device's clock. */
export function protocolHeaders(): Record<string, string> {
  return { [HEADERS.clientVersion]: String(PROTOCOL_VERSION), [HEADERS.deviceTime]: new Date().toISOString() };
}

async function send(path: string, opts: ApiOptions, token: string | null | undefined): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...protocolHeaders(), ...opts.headers };
  if (token) headers.authorization = `Bearer ${token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const sentAt = Date.now();
  let res: Response;
  try {
    res = await fetch(`${opts.baseUrl ?? ''}${API_BASE}${path}`, {
      method: opts.method ?? (opts.body === undefined ? 'GET' : 'POST'),
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal ?? AbortSignal.timeout(opts.timeoutMs ?? REQUEST_TIMEOUT_MS),
      cache: 'no-store',
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'Network unreachable');
  }
  const serverMs = serverTimeOf(res);
  // Each exchange with the server is a clock reading (ARCHITECTURE.md "Time").
  if (serverMs !== null) syncStatus.observeServerTime(sentAt, serverMs, Date.now() - sentAt);
  return res;
}

/**
 * One request to the sync server. With `auth`, a 401 renews the token once
 * and retries; a refused renewal surfaces as that 401.
 */
export async function api<T>(path: string, opts: ApiOptions = {}): Promise<T> {
  const token = opts.auth ? await opts.auth.token() : opts.token;
  let res = await send(path, opts, token);
  if (res.status === 401 && opts.auth && token && (await opts.auth.refresh(token))) {
    await res.body?.cancel().catch(() => undefined);
    res = await send(path, opts, await opts.auth.token());
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    if (res.status === 426) outdatedListener?.();
    const body = (json ?? {}) as Record<string, unknown>;
    const message = typeof body.detail === 'string' ? body.detail : `HTTP ${res.status}`;
    throw new ApiError(res.status, message, body);
  }
  return json as T;
}
