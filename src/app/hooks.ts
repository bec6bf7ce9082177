import { useEffect, useMemo, useState } from 'react';
import type { MangoQuery, RxCollection } from 'rxdb';
import type { CollectionName, DocOf } from '../domain/collections';
import type { DeviceLogEntry } from '../db/device-log';
import { useAppDatabase } from './DataProvider';

interface LiveQuery<T> {
  results: T[];
  loading: boolean;
}

/**
 * Subscribes to a live RxDB query (`find(query).$`) and returns plain
 * documents: what RxDB's own `useLiveRxQuery` does, but through the database
 * object, so the shell imports no RxDB code and RxDB stays out of the first
 * screen (it loads with the database, src/app/DataProvider.tsx). Like RxDB's
 * hook, a new query keeps the previous results with `loading` set until it answers.
 */
function useLiveQuery<T>(collection: CollectionName | 'devicelog', query: MangoQuery<T>): LiveQuery<T> {
  const db = useAppDatabase();
  // The results with the query (and collection) they answer: anything else is still loading.
  const [state, setState] = useState<{ results: T[]; for: unknown[] }>({ results: [], for: [] });
  useEffect(() => {
    const key = [db, collection, query];
    const subscription = (db[collection] as unknown as RxCollection<T>).find(query).$.subscribe({
      next: (docs) => setState({ results: docs.map((d) => d.toJSON() as T), for: key }),
      // A failed query ends the wait; the screen keeps what it showed.
      error: () => setState((s) => ({ ...s, for: key })),
    });
    return () => subscription.unsubscribe();
  }, [db, collection, query]);
  const [forDb, forCollection, forQuery] = state.for;
  return { results: state.results, loading: forDb !== db || forCollection !== collection || forQuery !== query };
}

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
  const { results, loading } = useLiveQuery<DocOf<C>>(collection, stable);
  return { docs: results, loading };
}

export function useDeviceLog(kind: DeviceLogEntry['kind']): DeviceLogEntry[] {
  const query = useMemo(() => ({ selector: { kind } }), [kind]);
  return useLiveQuery<DeviceLogEntry>('devicelog', query).results;
}
