/**
 * JSON with object keys sorted and undefined members left out: equal documents
 * give equal strings. Its own module (no Yjs) because the replication, which
 * loads with the first screen, needs it; merge.ts re-exports it.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): Json | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== 'object') return value as Json;
  if (Array.isArray(value)) return value.map((v) => sortKeys(v) ?? null);
  const out: Record<string, Json> = {};
  for (const key of Object.keys(value).sort()) {
    const v = sortKeys((value as Record<string, unknown>)[key]);
    if (v !== undefined) out[key] = v;
  }
  return out;
}
