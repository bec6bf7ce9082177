import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useLiveDocs } from '../../app/hooks';
import { ORG_WIDE } from '../../domain/schemas/common';
import type { Site } from '../../domain/schemas/site';
import { useSession } from '../../sync/session';

/** The sites the user may see (local data is already scoped by the server) and the one chosen in the URL (?site=). */
export function useSiteChoice(): { sites: Site[]; siteId: string; setSiteId(id: string): void } {
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const { docs } = useLiveDocs('sites', { selector: {} });
  const scope = session?.user.siteIds;
  const sites = useMemo(
    () => docs.filter((s) => scope?.includes(ORG_WIDE) || scope?.includes(s.id)).sort((a, b) => a.id.localeCompare(b.id)),
    [docs, scope],
  );
  const chosen = params.get('site');
  const siteId = chosen && sites.some((s) => s.id === chosen) ? chosen : (sites[0]?.id ?? '');
  const setSiteId = (id: string) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      next.set('site', id);
      return next;
    });
  return { sites, siteId, setSiteId };
}

/** A URL search parameter with a default, e.g. ?day= or ?month=. */
export function useParam(name: string, fallback: string): [string, (value: string) => void] {
  const [params, setParams] = useSearchParams();
  const value = params.get(name) || fallback;
  const set = (v: string) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      next.set(name, v);
      return next;
    });
  return [value, set];
}
