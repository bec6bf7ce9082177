import { useMemo } from 'react';
import { useLiveDocs } from '../../app/hooks';
import type { KindOf } from '../../domain/collections';
import { defaultPolicy, type Policy } from '../../domain/policy';
import { applyPolicyOverrides } from '../../domain/schemas/organisation';
import type { Site } from '../../domain/schemas/site';
import { useSession } from '../../sync/session';
import { inScope } from './access';

/** The organisation's policy (defaults until the catalog has synced). */
export function useOrgPolicy(): Policy {
  const { docs } = useLiveDocs('catalog', { selector: { kind: 'organisation' } });
  const org = docs[0] as KindOf<'catalog', 'organisation'> | undefined;
  return org?.policy ?? defaultPolicy;
}

/** The policy in force at a site. */
export function useSitePolicy(site: Site | undefined): Policy {
  const org = useOrgPolicy();
  return useMemo(() => applyPolicyOverrides(org, site?.policyOverrides), [org, site]);
}

/** Sites in the signed-in user's scope, by name. */
export function useScopeSites(): { sites: Site[]; loading: boolean } {
  const session = useSession();
  const { docs, loading } = useLiveDocs('sites', { selector: {} });
  const user = session?.user;
  const sites = useMemo(
    () => (user ? docs.filter((s) => inScope(user, s.id)) : []).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    [docs, user],
  );
  return { sites, loading };
}
