import { createStore, get, set, values, type UseStore } from 'idb-keyval';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { BehaviorSubject, type Observable } from 'rxjs';
import { API_BASE } from './api';
import { EMPTY_SUMMARY, isMediaType, MediaQueue, sha256Hex, type MediaAuth, type MediaRecord, type MediaStore, type MediaSummary, type MediaType, type SavedMedia } from './media-queue';
import { getSession } from './session';

/**
 * Photos and signatures on the device (ARCHITECTURE.md "Photos and signatures").
 *
 *   saveImage(file, { maxSide })  compress (longest side ~1600 px, JPEG) and store → { hash, type, bytes }
 *   saveMedia(blob)               store as is (signatures: PNG) → { hash, type, bytes }
 *   useMediaUrl(hash)             an object URL: from this device, else fetched once from the server and kept
 *   usePendingUploads()           what is stored and what still waits for upload (also `pendingUploads$`)
 *   startMediaUploads(token)      upload in the background while signed in (DataProvider calls it)
 *
 * Documents store only the hash. Bytes live in IndexedDB in stores of their
 * own (not RxDB: its collection budget is spent, and media never travels in
 * replication batches). Uploads are content-addressed and idempotent
 * (`PUT /api/v1/media/{sha256}`), retried with exponential back-off, only
 * while online, and resume after a reload because the queue is stored too.
 */

export type { MediaSummary, MediaType, SavedMedia } from './media-queue';

/** Longest side of a stored photo (ARCHITECTURE.md: "about 1600 px"). */
export const DEFAULT_MAX_SIDE = 1600;

function idbStore(): MediaStore {
  // Two databases: idb-keyval keeps one object store per database.
  let bytesStore: UseStore | null = null;
  let recordStore: UseStore | null = null;
  const bytesDb = () => (bytesStore ??= createStore('hallops-media-bytes', 'bytes'));
  const recordsDb = () => (recordStore ??= createStore('hallops-media-queue', 'records'));
  return {
    getBytes: (hash) => get<ArrayBuffer>(hash, bytesDb()),
    putBytes: (hash, bytes) => set(hash, bytes, bytesDb()),
    getRecord: (hash) => get<MediaRecord>(hash, recordsDb()),
    putRecord: (record) => set(record.hash, record, recordsDb()),
    allRecords: () => values<MediaRecord>(recordsDb()),
  };
}

const isBrowser = typeof indexedDB !== 'undefined' && typeof window !== 'undefined';

let queue: MediaQueue | null = null;
const summary$ = new BehaviorSubject<MediaSummary>(EMPTY_SUMMARY);

function mediaQueue(): MediaQueue {
  if (!queue) {
    queue = new MediaQueue({
      store: idbStore(),
      fetch: (...args) => fetch(...args),
      online: () => (typeof navigator === 'undefined' ? true : navigator.onLine),
    });
    queue.subscribe((s) => summary$.next(s));
    void queue.refresh();
  }
  return queue;
}

/** What is stored on this device and what still waits for upload; updates as uploads finish. */
export const pendingUploads$: Observable<MediaSummary> = summary$.asObservable();

export function usePendingUploads(): MediaSummary {
  if (isBrowser) mediaQueue();
  return useSyncExternalStore(
    (onChange) => {
      const sub = summary$.subscribe(onChange);
      return () => sub.unsubscribe();
    },
    () => summary$.value,
  );
}

/** Stores a picture as it is (a signature's PNG, an already compressed photo). */
export async function saveMedia(blob: Blob, type: string = blob.type): Promise<SavedMedia> {
  if (!isMediaType(type)) throw new Error(`Unsupported media type: ${type || 'unknown'}`);
  return mediaQueue().add(await blob.arrayBuffer(), type);
}

export interface CompressOptions {
  /** Longest side in pixels (default 1600). */
  maxSide?: number;
  /** JPEG quality 0–1 (default 0.8). */
  quality?: number;
}

let worker: Worker | null = null;
let workerBroken = false;
let nextJob = 0;
const jobs = new Map<number, { resolve(b: Blob): void; reject(e: Error): void }>();

function compressionWorker(): Worker | null {
  if (workerBroken || typeof Worker === 'undefined') return null;
  if (!worker) {
    try {
      worker = new Worker(new URL('./media-worker.ts', import.meta.url), { type: 'module' });
      worker.onmessage = (e: MessageEvent<{ id: number; blob?: Blob; error?: string }>) => {
        const job = jobs.get(e.data.id);
        jobs.delete(e.data.id);
        if (e.data.blob) job?.resolve(e.data.blob);
        else job?.reject(new Error(e.data.error ?? 'compression failed'));
      };
      worker.onerror = () => {
        workerBroken = true;
        jobs.forEach((j) => j.reject(new Error('compression worker failed')));
        jobs.clear();
      };
    } catch {
      workerBroken = true;
      return null;
    }
  }
  return worker;
}

const compressionOptions = (opts: CompressOptions) => ({
  maxWidthOrHeight: opts.maxSide ?? DEFAULT_MAX_SIDE,
  initialQuality: opts.quality ?? 0.8,
  fileType: 'image/jpeg',
  maxSizeMB: 1,
  useWebWorker: false,
});

/**
 * Shrinks a photo to JPEG with its longest side at most `maxSide`, off the
 * main thread (a module worker) so the page stays responsive; on the main
 * thread where workers cannot do it.
 */
export async function compressImage(file: Blob, opts: CompressOptions = {}): Promise<Blob> {
  const w = compressionWorker();
  if (w) {
    try {
      return await new Promise<Blob>((resolve, reject) => {
        const id = ++nextJob;
        jobs.set(id, { resolve, reject });
        w.postMessage({ id, file, options: compressionOptions(opts) });
      });
    } catch {
      // Fall through to the main thread (e.g. no OffscreenCanvas in this browser's workers).
    }
  }
  const { default: imageCompression } = await import('browser-image-compression');
  const input = file instanceof File ? file : new File([file], 'photo', { type: file.type });
  return imageCompression(input, compressionOptions(opts));
}

/** Compresses a photo (longest side ~1600 px) and stores it; resolves once it is safe on this device. */
export async function saveImage(file: Blob, opts: CompressOptions = {}): Promise<SavedMedia> {
  const compressed = await compressImage(file, opts);
  return saveMedia(compressed, compressed.type || 'image/jpeg');
}

/**
 * Starts background uploads while signed in; returns a stop function. Pass the
 * session's token (the freshest stored token is used at each upload, so a
 * renewed one takes over) or a token source that renews after a 401.
 */
export function startMediaUploads(auth: string | MediaAuth): { stop(): void } {
  const q = mediaQueue();
  q.setAuth(typeof auth === 'string' ? { token: async () => getSession()?.token ?? auth } : auth);
  const kick = () => void q.kick();
  window.addEventListener('online', kick);
  return {
    stop() {
      window.removeEventListener('online', kick);
      q.setAuth(null);
    },
  };
}

/** Uploads what is due now (a "sync now" button); resolves when this round is done. */
export function uploadPendingNow(): Promise<void> {
  return mediaQueue().kick();
}

/** Storage used by this origin and the quota, where the browser tells (navigator.storage.estimate). */
export async function storageEstimate(): Promise<{ usage: number; quota: number } | null> {
  if (typeof navigator === 'undefined' || !navigator.storage?.estimate) return null;
  const { usage = 0, quota = 0 } = await navigator.storage.estimate();
  return { usage, quota };
}

// Object URLs are shared by every view showing the same picture and revoked when the last one goes.
const urls = new Map<string, { refs: number; url: Promise<string | null> }>();

async function loadUrl(hash: string): Promise<string | null> {
  const q = mediaQueue();
  const local = await q.get(hash);
  if (local) return URL.createObjectURL(new Blob([local.bytes], { type: local.type }));
  const token = getSession()?.token;
  if (!token || (typeof navigator !== 'undefined' && !navigator.onLine)) return null;
  try {
    const res = await fetch(`${API_BASE}/media/${hash}`, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) return null;
    const bytes = await res.arrayBuffer();
    const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
    // Content-addressed: bytes that do not match their name are not kept.
    if ((await sha256Hex(bytes)) !== hash) return null;
    const mediaType: MediaType = isMediaType(type) ? type : 'image/jpeg';
    await q.keepDownloaded(hash, bytes, mediaType);
    return URL.createObjectURL(new Blob([bytes], { type: mediaType }));
  } catch {
    return null;
  }
}

function acquire(hash: string): Promise<string | null> {
  let entry = urls.get(hash);
  if (!entry) {
    entry = { refs: 0, url: loadUrl(hash) };
    urls.set(hash, entry);
    // A failed load is forgotten, so the next view (or coming online) tries again.
    const e = entry;
    void e.url.then((u) => {
      if (u === null && urls.get(hash) === e) urls.delete(hash);
    });
  }
  entry.refs += 1;
  return entry.url;
}

function release(hash: string): void {
  const entry = urls.get(hash);
  if (!entry) return;
  entry.refs -= 1;
  if (entry.refs > 0) return;
  // Revoked a little later, so a view that re-renders does not flicker.
  setTimeout(() => {
    if (urls.get(hash) !== entry || entry.refs > 0) return;
    urls.delete(hash);
    void entry.url.then((u) => u && URL.revokeObjectURL(u));
  }, 5_000);
}

/**
 * An object URL for a stored picture: from this device when it is here (also
 * before it is uploaded), else fetched with the session's token from
 * `GET /api/v1/media/{hash}` and kept for offline use. Undefined while loading
 * or when the picture is not reachable yet (it retries when the device comes online).
 */
export function useMediaUrl(hash: string | undefined): string | undefined {
  const [state, setState] = useState<{ hash: string; url: string | null } | null>(null);
  const [online, setOnline] = useState(0);
  useEffect(() => {
    const up = () => setOnline((n) => n + 1);
    window.addEventListener('online', up);
    return () => window.removeEventListener('online', up);
  }, []);
  useEffect(() => {
    if (!hash) return;
    let alive = true;
    void acquire(hash).then((url) => {
      if (alive) setState({ hash, url });
    });
    return () => {
      alive = false;
      release(hash);
    };
  }, [hash, online]);
  return state && state.hash === hash && state.url ? state.url : undefined;
}
