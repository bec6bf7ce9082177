import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../domain/ids';
import { applyAnswer } from '../../domain/rules/inspection-run';
import { sampleDocuments } from '../../domain/schemas/fixtures';
import { openDatabase, type AppDatabase } from '../../db/database';
import { insertDoc, InvalidDocumentError, type NewDoc } from '../../db/write';
import { mutateDoc, type InspectionDoc } from './data';

let db: AppDatabase | undefined;
afterEach(async () => {
  await db?.remove();
  db = undefined;
});

const author = { userId: 'user-inspector', deviceId: 'tablet-1' };
const AT = '2025-03-03T02:00:00.000Z';

async function withDraft(): Promise<{ db: AppDatabase; id: string }> {
  db = await openDatabase({ userId: `t-${newId()}`, storage: getRxStorageMemory(), devMode: true });
  const sample = sampleDocuments().inspections.find((d) => d.kind === 'inspection')!;
  const { updatedAt: _u, updatedBy: _b, deviceId: _d, submittedAt: _s, score: _sc, grade: _g, ...rest } = sample;
  const id = newId();
  await insertDoc(db, 'inspections', { ...rest, id, status: 'draft', answers: [] } as unknown as NewDoc<'inspections'>, author);
  return { db, id };
}

const answer = (itemId: string) => (cur: unknown) => {
  const i = cur as InspectionDoc;
  return { ...i, answers: applyAnswer(i.answers, itemId, 0, { choice: 'pass' }, AT, 'user-inspector') };
};

describe('mutateDoc', () => {
  it('quick changes one after another all land (none overwrites another with a stale copy)', async () => {
    const { db, id } = await withDraft();
    const items = ['desk-tidy', 'uniform', 'a', 'b', 'c', 'd'];
    await Promise.all(items.map((item) => mutateDoc(db, 'inspections', id, answer(item) as never, author)));
    const stored = (await db.inspections.findOne(id).exec())!.toJSON() as InspectionDoc;
    expect(stored.answers.map((a) => a.itemId).sort()).toEqual([...items].sort());
  });

  it('a write that happens in between (e.g. replication storing a merge) is built upon, not lost', async () => {
    const { db, id } = await withDraft();
    const doc = (await db.inspections.findOne(id).exec())!;
    let calls = 0;
    const change = (cur: unknown) => {
      calls += 1;
      return answer('uniform')(cur);
    };
    // Another writer changes the document right before ours is applied.
    await doc.incrementalPatch({ answers: applyAnswer([], 'desk-tidy', 0, { choice: 'fail' }, AT, 'user-2') } as never);
    await mutateDoc(db, 'inspections', id, change as never, author);
    const stored = (await db.inspections.findOne(id).exec())!.toJSON() as InspectionDoc;
    expect(stored.answers.map((a) => [a.itemId, a.choice])).toEqual([
      ['desk-tidy', 'fail'],
      ['uniform', 'pass'],
    ]);
    expect(calls).toBeGreaterThanOrEqual(1);
    expect(stored).toMatchObject({ updatedBy: 'user-inspector', deviceId: 'tablet-1' });
  });

  it('validates like every write and records the change in the outbox', async () => {
    const { db, id } = await withDraft();
    await expect(mutateDoc(db, 'inspections', id, ((cur: InspectionDoc) => ({ ...cur, mode: 'nap' })) as never, author)).rejects.toBeInstanceOf(InvalidDocumentError);
    await mutateDoc(db, 'inspections', id, answer('desk-tidy') as never, author);
    const outbox = await db.devicelog.find({ selector: { kind: 'outbox' } }).exec();
    expect(outbox.map((e) => e.docId)).toContain(id);
    await expect(mutateDoc(db, 'inspections', 'missing', answer('x') as never, author)).rejects.toThrow(/not on this device/);
  });
});
