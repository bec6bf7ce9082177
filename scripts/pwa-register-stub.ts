// The service worker's registration hook as the prerender sees it (scripts/prerender-plugin.ts): nothing waiting.
export function useRegisterSW() {
  return { needRefresh: [false, () => undefined], offlineReady: [false, () => undefined], updateServiceWorker: async () => undefined };
}
