import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDatabase } from '../../app/DataProvider';
import { useLiveDocs } from '../../app/hooks';
import { isCollectionName } from '../../domain/collections';
import type { DeviceLogEntry } from '../../db/device-log';
import { summarizeDoc } from './summary';

const key = (collection: string, id: string) => `${collection}:${id}`;

/** The current local state of the documents some device-log entries are about, removed ones included. */
export function useStoredDocs(entries: Pick<DeviceLogEntry, 'collectionName' | 'docId' | 'updatedAt'>[]) {
  const db = useAppDatabase();
  const [docs, setDocs] = useState(() => new Map<string, Record<string, unknown>>());
  // Keyed by content, so a new array with the same entries does not fetch again.
  const wanted = useMemo(() => JSON.stringify(entries.map((e) => [e.collectionName, e.docId, e.updatedAt])), [entries]);

  useEffect(() => {
    let cancelled = false;
    const byCollection = new Map<string, string[]>();
    for (const [collection, id] of JSON.parse(wanted) as [string, string, string][]) {
      byCollection.set(collection, [...(byCollection.get(collection) ?? []), id]);
    }
    void (async () => {
      const found = new Map<string, Record<string, unknown>>();
      for (const [collection, ids] of byCollection) {
        if (!isCollectionName(collection)) continue;
        const stored = await db[collection].storageInstance.findDocumentsById(ids, true);
        for (const doc of stored as unknown as Record<string, unknown>[]) found.set(key(collection, String(doc.id)), doc);
      }
      if (!cancelled) setDocs(found);
    })();
    return () => {
      cancelled = true;
    };
  }, [db, wanted]);

  return useCallback((collection: string, id: string) => docs.get(key(collection, id)), [docs]);
}

/** A document's one-line label in the reader's language: kind, person or name, day. */
export function useDocLabel() {
  const { t } = useTranslation();
  const { docs: staff } = useLiveDocs('staff', { selector: {} });
  const names = useMemo(() => new Map(staff.map((s) => [s.id, s.name])), [staff]);
  return useCallback(
    (doc: Record<string, unknown> | undefined, fallbackId: string) => {
      if (!doc) return fallbackId;
      const s = summarizeDoc(doc, (id) => names.get(id));
      const kind = s.kind ? t(`sync.kinds.${s.kind}`, { defaultValue: s.kind }) : undefined;
      return [kind, s.subject, s.period].filter(Boolean).join(' · ');
    },
    [names, t],
  );
}
