/**
 * The `unload` package's API (used by RxDB's broadcast-channel for leader
 * election), built on `pagehide` instead of the deprecated `unload` event:
 * Chromium is phasing `unload` out, Lighthouse marks it as a deprecated API,
 * and an `unload` listener keeps the page out of the back/forward cache.
 * `pagehide` fires whenever the page goes away (closed, navigated, reloaded,
 * in frames too). Swapped in for the browser build by vite.config.ts; Node keeps the original.
 */
type Listener = () => unknown;

const listeners = new Set<Listener>();
let listening = false;

function listen(): void {
  if (listening || typeof window === 'undefined' || typeof window.addEventListener !== 'function') return;
  listening = true;
  window.addEventListener('pagehide', () => void runAll(), true);
}

export function add(fn: Listener): { remove(): boolean; run(): unknown } {
  if (typeof fn !== 'function') throw new Error('Listener is no function');
  listen();
  listeners.add(fn);
  return {
    remove: () => listeners.delete(fn),
    run: () => {
      listeners.delete(fn);
      return fn();
    },
  };
}

export function runAll(): Promise<unknown[]> {
  const running = [...listeners].map((fn) => {
    listeners.delete(fn);
    return fn();
  });
  return Promise.all(running);
}

export function removeAll(): void {
  listeners.clear();
}

export function getSize(): number {
  return listeners.size;
}
