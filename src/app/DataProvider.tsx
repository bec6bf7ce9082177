import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { RxDatabaseProvider } from 'rxdb/plugins/react';
import { openDatabase, type AppDatabase } from '../db/database';
import { startMediaUploads } from '../sync/media';
import { startSync, type SyncController } from '../sync/replication';
import { syncStatus } from '../sync/status';
import type { Session } from '../sync/session';

const SyncContext = createContext<SyncController | null>(null);
const DatabaseContext = createContext<AppDatabase | null>(null);

export function useSyncController(): SyncController | null {
  return useContext(SyncContext);
}

export function useAppDatabase(): AppDatabase {
  const db = useContext(DatabaseContext);
  if (!db) throw new Error('useAppDatabase outside DataProvider');
  return db;
}

/** Opens the signed-in user's local database and starts replication for as long as the session lasts. */
export function DataProvider({ session, children }: { session: Session; children: ReactNode }) {
  const { t } = useTranslation();
  const [state, setState] = useState<{ db: AppDatabase; sync: SyncController } | null>(null);
  const { token, user } = session;

  useEffect(() => {
    let cancelled = false;
    let opened: { db: AppDatabase; sync: SyncController } | null = null;
    void openDatabase({ userId: user.id, devMode: import.meta.env.DEV }).then((db) => {
      if (cancelled) return;
      const sync = startSync(db, {
        token,
        onUnauthorized: () => syncStatus.setError(t('sync.sessionExpired')),
      });
      opened = { db, sync };
      setState(opened);
    });
    return () => {
      cancelled = true;
      if (opened) {
        const { db, sync } = opened;
        void sync.stop().then(() => db.close());
      }
      syncStatus.reset();
    };
  }, [token, user.id, t]);

  // Photos and signatures upload in the background for as long as the session lasts (src/sync/media.ts).
  useEffect(() => {
    const uploads = startMediaUploads(token);
    return () => uploads.stop();
  }, [token]);

  if (!state) {
    return (
      <p className="loading" role="status">
        {t('app.loading')}
      </p>
    );
  }
  return (
    <DatabaseContext.Provider value={state.db}>
      <RxDatabaseProvider database={state.db}>
        <SyncContext.Provider value={state.sync}>{children}</SyncContext.Provider>
      </RxDatabaseProvider>
    </DatabaseContext.Provider>
  );
}
