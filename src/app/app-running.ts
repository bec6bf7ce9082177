import { useSyncExternalStore } from 'react';

const noSubscription = () => () => undefined;

/**
 * False in the prerendered sign-in page (login.html, docs/adr/0005) and while
 * the app hydrates it; true once the app runs. Controls that need the app are
 * disabled until then, so a click or a choice made before is not lost
 * silently (and the form is never sent without it: no password in a URL).
 */
export function useAppRunning(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
