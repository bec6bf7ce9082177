import { useSyncExternalStore } from 'react';

/**
 * Durable storage (ARCHITECTURE.md "Storage durability"): the browser may evict
 * a site's data under storage pressure unless it grants persistence, so the app
 * asks after sign-in or install and shows the answer and the space in settings.
 */
export type Persistence = 'granted' | 'not-granted' | 'unsupported' | 'unknown';

export interface StorageLike {
  persisted?: () => Promise<boolean>;
  persist?: () => Promise<boolean>;
  estimate?: () => Promise<{ usage?: number; quota?: number }>;
}

function storageApi(): StorageLike | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.storage;
}

/** Asks for persistence unless already granted; the answer is remembered for the settings screen. */
export async function requestPersistence(storage: StorageLike | undefined = storageApi()): Promise<Persistence> {
  if (!storage?.persist || !storage.persisted) return publish('unsupported');
  try {
    if (await storage.persisted()) return publish('granted');
    return publish((await storage.persist()) ? 'granted' : 'not-granted');
  } catch {
    return publish('not-granted');
  }
}

export async function readPersistence(storage: StorageLike | undefined = storageApi()): Promise<Persistence> {
  if (!storage?.persisted) return publish('unsupported');
  try {
    return publish((await storage.persisted()) ? 'granted' : 'not-granted');
  } catch {
    return publish('unknown');
  }
}

export interface SpaceEstimate {
  used: number;
  free: number;
}

/** Used and free bytes for this site; null when the browser will not tell. */
export async function readSpace(storage: StorageLike | undefined = storageApi()): Promise<SpaceEstimate | null> {
  if (!storage?.estimate) return null;
  try {
    const { usage, quota } = await storage.estimate();
    if (typeof usage !== 'number' || typeof quota !== 'number') return null;
    return { used: usage, free: Math.max(0, quota - usage) };
  } catch {
    return null;
  }
}

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** 1536 → "1.5 KB" (binary steps, as storage is counted), in the reader's language. */
export function formatBytes(bytes: number, locale: string): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: UNITS[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 || value >= 100 ? 0 : 1,
  }).format(value);
}

let persistence: Persistence = 'unknown';
const listeners = new Set<() => void>();

function publish(next: Persistence): Persistence {
  persistence = next;
  listeners.forEach((l) => l());
  return next;
}

export function usePersistence(): Persistence {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => persistence,
  );
}
