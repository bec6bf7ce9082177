import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import type { AppDatabase } from '../db/database';
import type { SyncController } from '../sync/replication';
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

interface Opened {
  /** The session that opened it: screens never render with another session's database. */
  session: Session;
  db: AppDatabase;
  sync: SyncController;
}

/**
 * Databases open one at a time: the next user's opens only once the previous
 * user's has closed. Two at once exceed the open-source RxDB limit of 13 open
 * collections per page (each user's database has 11), and a switch in place
 * (kiosk → administrator) must never leave screens on a closing database.
 */
let previousClosed: Promise<void> = Promise.resolve();

/**
 * The data layer (RxDB, Dexie, replication, media uploads) loads with import()
 * once a session exists, not with the first screen: the login page needs none
 * of it, and the shell paints while it loads. It is precached, so this works offline.
 */
let dataLayerModules: Promise<[typeof import('../db/database'), typeof import('../sync/replication'), typeof import('../sync/media')]> | undefined;
const dataLayer = () => (dataLayerModules ??= Promise.all([import('../db/database'), import('../sync/replication'), import('../sync/media')]));

/** Set while a database has opened and its first screen has not said it is ready. */
let screenReady: (() => void) | null = null;

/**
 * A screen has loaded what it first shows (the kiosk: its staff list). Replication
 * starts after that, or at the latest a second after the database opened, so that
 * it does not compete with the first screen for the device's CPU and IndexedDB.
 */
export function firstScreenReady(): void {
  screenReady?.();
}

/** Opens the session's database and starts its replication; marks the steps for the cold-start bench. */
async function open(session: Session): Promise<Opened> {
  const [{ openDatabase }, { startSync }] = await dataLayer();
  performance.mark('hallops:data-layer-loaded');
  const db = await openDatabase({ userId: session.user.id, devMode: import.meta.env.DEV });
  performance.mark('hallops:database-open');
  const ready = new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      screenReady = null;
      resolve();
    };
    const timer = setTimeout(done, 1_000);
    screenReady = done;
  });
  const sync = startSync(db, {
    startAfter: ready,
    token: session.token,
    // The i18next singleton, not the hook's: react-i18next hands out a new `i18n` (and `t`) on every
    // language change, and depending on it would close and reopen the database under the open screens.
    onUnauthorized: () => syncStatus.setError(i18next.t('sync.sessionExpired')),
  });
  return { session, db, sync };
}

/** Stops replication and closes the database once it has opened; never fails. */
function closeWhenOpen(opening: Promise<Opened>): Promise<void> {
  return opening
    .then(async ({ db, sync }) => {
      await sync.stop();
      await db.close();
    })
    .catch(() => undefined);
}

/** The database main.tsx began to open before the first render, for the session it was opened for. */
let ahead: { session: Session; opening: Promise<Opened> } | null = null;

/**
 * Starts opening a signed-in device's database as the app starts, before React
 * renders: loading the data layer and opening IndexedDB then overlap with the
 * first render instead of following it (a kiosk's cold start). DataProvider
 * takes it over when it mounts with that same session.
 */
export function openAhead(session: Session): void {
  const opening = open(session);
  opening.catch(() => undefined);
  ahead = { session, opening };
}

/** Opens the signed-in user's local database and starts replication for as long as the session lasts. */
export function DataProvider({ session, children }: { session: Session; children: ReactNode }) {
  const { t } = useTranslation();
  const [state, setState] = useState<Opened | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const { token } = session;

  // Keyed by the session object: renewed tokens update it in place (src/sync/session.ts), a new sign-in replaces it.
  useEffect(() => {
    let cancelled = false;
    // Opened ahead for another session (signed out or switched before this mounted): closed first.
    if (ahead && ahead.session !== session) previousClosed = closeWhenOpen(ahead.opening);
    const opening: Promise<Opened> = ahead?.session === session ? ahead.opening : previousClosed.then(() => open(session));
    ahead = null;
    opening.then(
      (opened) => {
        if (cancelled) return;
        setFailure(null);
        setState(opened);
      },
      (err: unknown) => {
        if (!cancelled) setFailure((err as Error).message);
      },
    );
    return () => {
      cancelled = true;
      // Also when the database is still opening: it is closed as soon as it has opened.
      previousClosed = closeWhenOpen(opening);
      syncStatus.reset();
    };
  }, [session]);

  // Photos and signatures upload in the background for as long as the session lasts (src/sync/media.ts).
  useEffect(() => {
    let stopped = false;
    let uploads: { stop(): void } | undefined;
    void dataLayer().then(([, , { startMediaUploads }]) => {
      if (!stopped) uploads = startMediaUploads(token);
    });
    return () => {
      stopped = true;
      uploads?.stop();
    };
  }, [token]);

  // Right after a switch the previous session's database is still in state (and about to close): show nothing of it.
  if (!state || state.session !== session) {
    return (
      <p className="loading" role={failure ? 'alert' : 'status'}>
        {failure ? t('app.dbFailed', { message: failure }) : t('app.loading')}
      </p>
    );
  }
  return (
    <DatabaseContext.Provider value={state.db}>
      <SyncContext.Provider value={state.sync}>{children}</SyncContext.Provider>
    </DatabaseContext.Provider>
  );
}
