import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { API_BASE } from './api';

/**
 * The media upload queue, free of browser storage so it can be tested in Node:
 * photos and signatures are stored once by the SHA-256 of their bytes, kept
 * until the server has them, and uploaded through the idempotent
 * `PUT /api/v1/media/{sha256}` with exponential back-off. src/sync/media.ts
 * binds it to IndexedDB and React.
 */

export const MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

export function isMediaType(type: string): type is MediaType {
  return (MEDIA_TYPES as readonly string[]).includes(type);
}

/** What a document stores about a picture: its hash; type and size are for the UI. */
export interface SavedMedia {
  hash: string;
  type: MediaType;
  bytes: number;
}

/** The queue's bookkeeping of one stored picture. */
export interface MediaRecord extends SavedMedia {
  createdAt: number;
  uploaded: boolean;
  /** Failed upload attempts so far. */
  attempts: number;
  /** Not before this time (ms) is the next attempt made. */
  nextAttemptAt: number;
  lastError?: string;
}

/** Where bytes and bookkeeping live (IndexedDB in the browser, a Map in tests). */
export interface MediaStore {
  getBytes(hash: string): Promise<ArrayBuffer | undefined>;
  putBytes(hash: string, bytes: ArrayBuffer): Promise<void>;
  getRecord(hash: string): Promise<MediaRecord | undefined>;
  putRecord(record: MediaRecord): Promise<void>;
  allRecords(): Promise<MediaRecord[]>;
}

export function memoryMediaStore(): MediaStore & { bytes: Map<string, ArrayBuffer>; records: Map<string, MediaRecord> } {
  const bytes = new Map<string, ArrayBuffer>();
  const records = new Map<string, MediaRecord>();
  return {
    bytes,
    records,
    getBytes: async (hash) => bytes.get(hash),
    putBytes: async (hash, b) => void bytes.set(hash, b),
    getRecord: async (hash) => {
      const r = records.get(hash);
      return r ? { ...r } : undefined;
    },
    putRecord: async (r) => void records.set(r.hash, { ...r }),
    allRecords: async () => [...records.values()].map((r) => ({ ...r })),
  };
}

/** Lower-case hex SHA-256. WebCrypto where the page has it (secure contexts); plain JS otherwise (a hall LAN over http). */
export async function sha256Hex(bytes: ArrayBuffer | Uint8Array): Promise<string> {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const subtle = globalThis.crypto?.subtle;
  if (subtle) {
    const digest = await subtle.digest('SHA-256', view as Uint8Array<ArrayBuffer>);
    return bytesToHex(new Uint8Array(digest));
  }
  return bytesToHex(sha256(view));
}

export interface MediaSummary {
  /** Pictures stored on this device. */
  storedCount: number;
  storedBytes: number;
  /** Of those, not yet on the server. */
  pendingCount: number;
  pendingBytes: number;
  /** Pending pictures whose last upload attempt failed. */
  failingCount: number;
  lastError: string | null;
}

export const EMPTY_SUMMARY: MediaSummary = { storedCount: 0, storedBytes: 0, pendingCount: 0, pendingBytes: 0, failingCount: 0, lastError: null };

export function summarise(records: readonly MediaRecord[]): MediaSummary {
  const pending = records.filter((r) => !r.uploaded);
  const failing = pending.filter((r) => r.attempts > 0);
  return {
    storedCount: records.length,
    storedBytes: records.reduce((n, r) => n + r.bytes, 0),
    pendingCount: pending.length,
    pendingBytes: pending.reduce((n, r) => n + r.bytes, 0),
    failingCount: failing.length,
    lastError: failing.sort((a, b) => b.nextAttemptAt - a.nextAttemptAt)[0]?.lastError ?? null,
  };
}

export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_MAX_MS = 10 * 60_000;

/** Wait before attempt `attempts + 1`: doubling from 2 s up to 10 min, with jitter (×0.5–1) so devices do not retry in step. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const full = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(full * (0.5 + random() / 2));
}

export type UploadOutcome = 'stored' | 'retry' | 'unauthorized';

/** How an answer of the media endpoint is handled: stored (200/201), try again later, or wait for a new sign-in (401). */
export function outcomeOf(status: number): UploadOutcome {
  if (status === 200 || status === 201 || status === 204) return 'stored';
  if (status === 401) return 'unauthorized';
  return 'retry';
}

/** Where uploads get their bearer token; `refresh(refused)` renews it after a 401 and says whether to retry (src/sync/api.ts TokenSource fits). */
export interface MediaAuth {
  token(): Promise<string | null>;
  refresh?(refused: string): Promise<boolean>;
}

export interface QueueDeps {
  store: MediaStore;
  fetch: typeof fetch;
  now?: () => number;
  random?: () => number;
  /** Whether the device believes it is online; uploads wait otherwise. */
  online?: () => boolean;
  baseUrl?: string;
  /** Uploads in flight at once. */
  concurrency?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

/**
 * Stores pictures by content and uploads what the server lacks. Nothing here
 * waits for the network on behalf of the caller: `add` returns once the bytes
 * are stored locally, uploads run in the background.
 */
export class MediaQueue {
  private auth: MediaAuth | null = null;
  /** The token the server refused and could not renew: no uploads until another one comes. */
  private refusedToken: string | null = null;
  private inFlight = new Set<string>();
  private timer: unknown = null;
  private listeners = new Set<(s: MediaSummary) => void>();
  private summary: MediaSummary = EMPTY_SUMMARY;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly online: () => boolean;
  private readonly concurrency: number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (timer: unknown) => void;
  private pumping: Promise<void> | null = null;
  private again = false;

  constructor(private readonly deps: QueueDeps) {
    this.now = deps.now ?? Date.now;
    this.random = deps.random ?? Math.random;
    this.online = deps.online ?? (() => true);
    this.concurrency = deps.concurrency ?? 2;
    this.setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = deps.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>));
  }

  get current(): MediaSummary {
    return this.summary;
  }

  subscribe(listener: (s: MediaSummary) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stores bytes under their hash (once: the same picture twice is one record) and queues the upload. */
  async add(bytes: ArrayBuffer, type: MediaType): Promise<SavedMedia> {
    const hash = await sha256Hex(bytes);
    const existing = await this.deps.store.getRecord(hash);
    if (!existing) {
      await this.deps.store.putBytes(hash, bytes);
      await this.deps.store.putRecord({ hash, type, bytes: bytes.byteLength, createdAt: this.now(), uploaded: false, attempts: 0, nextAttemptAt: 0 });
      await this.refresh();
      this.kick();
    }
    return { hash, type: existing?.type ?? type, bytes: existing?.bytes ?? bytes.byteLength };
  }

  /** Keeps bytes fetched from the server (already uploaded) so they show offline next time. */
  async keepDownloaded(hash: string, bytes: ArrayBuffer, type: MediaType): Promise<void> {
    if (await this.deps.store.getRecord(hash)) return;
    await this.deps.store.putBytes(hash, bytes);
    await this.deps.store.putRecord({ hash, type, bytes: bytes.byteLength, createdAt: this.now(), uploaded: true, attempts: 0, nextAttemptAt: 0 });
    await this.refresh();
  }

  async get(hash: string): Promise<{ bytes: ArrayBuffer; type: MediaType } | undefined> {
    const [record, bytes] = await Promise.all([this.deps.store.getRecord(hash), this.deps.store.getBytes(hash)]);
    return record && bytes ? { bytes, type: record.type } : undefined;
  }

  /** Starts (or resumes with a new token) uploading; `null` pauses. */
  setToken(token: string | null): void {
    this.setAuth(token === null ? null : { token: async () => token });
  }

  /** Starts uploading with tokens from `auth` (renewed after a 401 where it can); `null` pauses. */
  setAuth(auth: MediaAuth | null): void {
    this.auth = auth;
    if (auth) {
      void this.refresh();
      void this.kick();
    } else if (this.timer !== null) {
      this.clearTimer(this.timer);
      this.timer = null;
    }
  }

  async refresh(): Promise<MediaSummary> {
    this.summary = summarise(await this.deps.store.allRecords());
    this.listeners.forEach((l) => l(this.summary));
    return this.summary;
  }

  /** Uploads what is due now; safe to call any time (coalesces). Resolves when this round is done. */
  kick(): Promise<void> {
    if (this.pumping) {
      this.again = true;
      return this.pumping;
    }
    this.pumping = (async () => {
      do {
        this.again = false;
        await this.pump();
      } while (this.again);
    })().finally(() => {
      this.pumping = null;
    });
    return this.pumping;
  }

  private async pump(): Promise<void> {
    const token = await this.currentToken();
    if (!token || token === this.refusedToken || !this.online()) return;
    const records = await this.deps.store.allRecords();
    const now = this.now();
    const due = records.filter((r) => !r.uploaded && r.nextAttemptAt <= now && !this.inFlight.has(r.hash)).sort((a, b) => a.createdAt - b.createdAt);
    let unauthorized = false;
    const worker = async () => {
      for (let r = due.shift(); r && !unauthorized && this.auth && this.online(); r = due.shift()) {
        this.inFlight.add(r.hash);
        try {
          if ((await this.uploadOne(r, token)) === 'unauthorized') {
            // A renewed token lets the rest (and this picture, still due) go on in the next round.
            if (await this.auth?.refresh?.(token)) this.again = true;
            else unauthorized = true;
          }
        } finally {
          this.inFlight.delete(r.hash);
        }
        await this.refresh();
      }
    };
    await Promise.all(Array.from({ length: this.concurrency }, worker));
    if (unauthorized) this.refusedToken = token;
    this.schedule(unauthorized);
  }

  private async currentToken(): Promise<string | null> {
    try {
      return (await this.auth?.token()) ?? null;
    } catch {
      return null;
    }
  }

  private async uploadOne(record: MediaRecord, token: string): Promise<UploadOutcome> {
    const bytes = await this.deps.store.getBytes(record.hash);
    if (!bytes) {
      // Bytes lost (storage cleared by the browser): nothing left to send.
      await this.deps.store.putRecord({ ...record, uploaded: true, lastError: 'missing bytes' });
      return 'stored';
    }
    let outcome: UploadOutcome;
    let error = '';
    try {
      const res = await this.deps.fetch(`${this.deps.baseUrl ?? ''}${API_BASE}/media/${record.hash}`, {
        method: 'PUT',
        headers: { 'content-type': record.type, authorization: `Bearer ${token}` },
        body: bytes,
      });
      outcome = outcomeOf(res.status);
      if (outcome !== 'stored') error = `HTTP ${res.status}`;
    } catch (err) {
      outcome = 'retry';
      error = err instanceof Error ? err.message : String(err);
    }
    if (outcome === 'stored') {
      const { lastError: _e, ...rest } = record;
      await this.deps.store.putRecord({ ...rest, uploaded: true, attempts: 0, nextAttemptAt: 0 });
    } else if (outcome === 'unauthorized') {
      // Not the picture's fault: it goes as soon as a new sign-in gives a token.
      await this.deps.store.putRecord({ ...record, lastError: error });
    } else {
      const attempts = record.attempts + 1;
      await this.deps.store.putRecord({ ...record, attempts, nextAttemptAt: this.now() + backoffMs(attempts, this.random), lastError: error });
    }
    return outcome;
  }

  /** Wakes up for the earliest retry (not after a 401: a new token restarts the queue). */
  private schedule(unauthorized: boolean): void {
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
    if (unauthorized || !this.auth) return;
    void this.deps.store.allRecords().then((records) => {
      const waiting = records.filter((r) => !r.uploaded).map((r) => r.nextAttemptAt);
      if (waiting.length === 0 || !this.auth) return;
      const wait = Math.max(250, Math.min(...waiting) - this.now());
      if (this.timer !== null) this.clearTimer(this.timer);
      this.timer = this.setTimer(() => {
        this.timer = null;
        void this.kick();
      }, wait);
    });
  }
}
