import { useMemo } from 'react';
import { useLiveDocs } from '../../app/hooks';
import type { DocOf } from '../../domain/collections';

const AMENDMENTS = ['correction', 'verified-missing-punch'];

/**
 * A site's attendance events that bear on a period: the punches made in it,
 * and every correction or verified missing punch written since its start
 * (those are written days later, yet amend the period).
 */
export function useAttendanceEvents(siteId: string, fromIso: string, toIso: string): DocOf<'attendance'>[] {
  const { docs: punches } = useLiveDocs('attendance', { selector: { siteId, deviceTime: { $gte: fromIso, $lt: toIso } } });
  const { docs: amendments } = useLiveDocs('attendance', {
    selector: { siteId, deviceTime: { $gte: fromIso }, kind: { $in: AMENDMENTS } },
  });
  return useMemo(() => {
    const byId = new Map(punches.map((e) => [e.id, e]));
    for (const e of amendments) byId.set(e.id, e);
    return [...byId.values()];
  }, [punches, amendments]);
}
