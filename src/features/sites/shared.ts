import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { useAppDatabase } from '../../app/DataProvider';
import { useAuthor } from '../../app/useAuthor';
import { upsertDoc } from '../../db/write';
import type { Site } from '../../domain/schemas/site';
import type { FieldError } from '../staff/field-errors';

/** Errors from the set-up rules live under `sites.errors`; the shared schema's under `staff.errors`. */
export function errorText(t: TFunction, e: FieldError): string {
  return e.key.includes('.') ? t(`sites.errors.${e.key}`, e.params) : t(`staff.errors.${e.key}`, e.params);
}

/** Writes one part of a site onto its latest version, so sections saved separately do not undo each other. */
export function useSiteWriter(): (site: Site, change: Partial<Pick<Site, 'posts' | 'shiftTemplates' | 'policyOverrides'>>) => Promise<void> {
  const db = useAppDatabase();
  const author = useAuthor();
  return useCallback(
    async (site, change) => {
      const latest = (await db.sites.findOne(site.id).exec())?.toJSON() as Site | undefined;
      const { updatedAt: _a, updatedBy: _b, deviceId: _c, ...rest } = latest ?? site;
      const next = { ...rest, ...change };
      if ('policyOverrides' in change && change.policyOverrides === undefined) delete next.policyOverrides;
      await upsertDoc(db, 'sites', next, author);
    },
    [db, author],
  );
}
