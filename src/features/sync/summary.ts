/**
 * A one-line description of any document for the sync centre's lists, from
 * the fields most documents share: what kind, whom or what it is about, and
 * for which day or month. Ids are the last resort.
 */
export interface DocSummary {
  kind?: string;
  subject: string;
  period?: string;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

export function summarizeDoc(doc: Record<string, unknown>, staffName: (id: string) => string | undefined): DocSummary {
  const staffId = text(doc.staffId);
  const subject = text(doc.name) ?? text(doc.title) ?? (staffId ? (staffName(staffId) ?? staffId) : undefined) ?? text(doc.id) ?? '';
  const period = text(doc.day) ?? text(doc.startDay) ?? text(doc.month) ?? text(doc.issuedOn);
  return { kind: text(doc.kind), subject, ...(period ? { period } : {}) };
}
