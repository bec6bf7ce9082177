import { defaultPolicy, type Policy } from '../../src/domain/policy';
import type { Store } from '../store/store';

/**
 * The organisation's policy (the `organisation` document of the catalog),
 * read at most once per `ttlMs`: thresholds such as clock drift and leave
 * approval follow an administrator's change within a minute. The default
 * policy until an organisation exists.
 */
export function orgPolicyProvider(store: Store, now: () => number = Date.now, ttlMs = 60_000): () => Promise<Policy> {
  let cached: { policy: Policy; at: number } | null = null;
  let loading: Promise<Policy> | null = null;
  const load = async (): Promise<Policy> => {
    let afterSeq = 0;
    for (;;) {
      // Organisation-wide catalog documents only (an empty site list still returns '*').
      const page = await store.pull({ collection: 'catalog', afterSeq, limit: 500, sites: [] });
      const org = page.find((d) => !d.deleted && d.data.kind === 'organisation');
      if (org) return org.data.policy as Policy;
      if (page.length < 500) return defaultPolicy;
      afterSeq = page[page.length - 1].seq;
    }
  };
  return async () => {
    if (cached && now() - cached.at < ttlMs) return cached.policy;
    loading ??= load()
      .then((policy) => {
        cached = { policy, at: now() };
        return policy;
      })
      .finally(() => {
        loading = null;
      });
    return loading;
  };
}
