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

export interface ApiOptions {
  token?: string;
  method?: string;
  body?: unknown;
  signal?: AbortSignal;
  /** Absolute origin for use outside the browser (tests, benchmarks); defaults to the page's origin. */
  baseUrl?: string;
}

let outdatedListener: (() => void) | undefined;
/** Called once when the server answers 426 (client too old): the app shows an update prompt. */
export function onClientOutdated(listener: () => void): void {
  outdatedListener = listener;
}

export async function api<T>(path: string, opts: ApiOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(`${opts.baseUrl ?? ''}${API_BASE}${path}`, {
      method: opts.method ?? (opts.body === undefined ? 'GET' : 'POST'),
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'Network unreachable');
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
