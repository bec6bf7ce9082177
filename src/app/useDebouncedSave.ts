import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';

/** A synchronous copy of unsaved text, for when the page dies before the save lands. */
export interface SaveJournal {
  /** localStorage key, unique per document and field; `hallops.<what>.<userId>` so "clear data" removes it. */
  key: string;
  /** The unsaved state, serialised (called on every edit, so keep it cheap). */
  take: () => string;
  /** Puts a journaled state back; must be idempotent (a Yjs update is). */
  restore: (saved: string) => void;
}

/**
 * Saves typed text after a pause, and at once when the screen goes away (on
 * unmount, when the tab is hidden, on `pagehide`). IndexedDB writes may not
 * finish while a tab closes, so with a `journal` each edit is also copied to
 * localStorage synchronously and put back the next time the screen opens;
 * the copy is dropped once a save that includes it has landed.
 */
export function useDebouncedSave(
  save: () => unknown,
  delayMs: number,
  journal?: SaveJournal,
): { schedule: () => void; flush: () => Promise<void> } {
  const latest = useRef({ save, journal });
  useLayoutEffect(() => {
    latest.current = { save, journal };
  });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // Edits since the page opened; the journal is cleared only by a save that saw the latest one.
  const edits = useRef(0);

  const run = useCallback(async () => {
    const seen = edits.current;
    await latest.current.save();
    const j = latest.current.journal;
    if (j && edits.current === seen) localStorage.removeItem(j.key);
  }, []);
  const flush = useCallback(async () => {
    if (!timer.current) return;
    clearTimeout(timer.current);
    timer.current = null;
    await run();
  }, [run]);
  const schedule = useCallback(() => {
    edits.current++;
    const j = latest.current.journal;
    if (j) localStorage.setItem(j.key, j.take());
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      void run();
    }, delayMs);
  }, [delayMs, run]);

  const journalKey = journal?.key;
  useEffect(() => {
    if (!journalKey) return;
    const saved = localStorage.getItem(journalKey);
    if (saved === null) return;
    latest.current.journal?.restore(saved);
    timer.current = setTimeout(() => {
      timer.current = null;
      void run();
    }, 0);
  }, [journalKey, run]);

  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden') void flush();
    };
    const onPageHide = () => void flush();
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', onPageHide);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', onPageHide);
      void flush();
    };
  }, [flush]);

  return { schedule, flush };
}
