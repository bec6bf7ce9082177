import { useMemo } from 'react';
import type { MangoQuery } from 'rxdb';
import { useLiveRxQuery } from 'rxdb/plugins/react';
import type { CollectionName, DocOf } from '../domain/collections';
import type { DeviceLogEntry } from '../db/device-log';

/**
 * A live query returning plain documents. The query is keyed by its JSON so a
 * new object literal each render does not resubscribe.
 */
export function useLiveDocs<C extends CollectionName>(
  collection: C,
  query: MangoQuery<DocOf<C>>,
): { docs: DocOf<C>[]; loading: boolean } {
  const key = JSON.stringify(query);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const stable = useMemo(() => query, [key]);
  const { results, loading } = useLiveRxQuery<DocOf<C>>({ collection, query: stable });
  const docs = useMemo(() => results.map((d) => d.toJSON() as DocOf<C>), [results]);
  return { docs, loading };
}

export function useDeviceLog(kind: DeviceLogEntry['kind']): DeviceLogEntry[] {
  const query = useMemo(() => ({ selector: { kind } }), [kind]);
  const { results } = useLiveRxQuery<DeviceLogEntry>({ collection: 'devicelog', query });
  return useMemo(() => results.map((d) => d.toJSON() as DeviceLogEntry), [results]);
}
