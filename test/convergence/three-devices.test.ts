import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yjsTextOf } from '../../src/domain/rules/merge';
import { Cluster } from './harness';
import { allIds, newDocument, prng, roundDocs } from './scenario';

/**
 * Must-hold 1 of the issue "Client data layer", at the data layer: three
 * devices edit the same inspection, roster slot and corrective action while
 * offline, then reconnect in random order. All three and the server converge;
 * no answer, note or comment typed on any device is lost (Yjs text merged,
 * not overwritten); the roster slot is last-write-wins and every losing
 * version is kept in a device's conflict log.
 *
 * The devices run the app's real database, conflict handlers and replication
 * (memory storage, one worker thread each) against the real server; the
 * inspection screens' own end-to-end tests drive the same through the UI.
 */
const ORDERS = 6;
let cluster: Cluster;

beforeAll(async () => {
  cluster = await Cluster.start(3);
}, 120_000);

afterAll(async () => {
  await cluster?.close();
}, 60_000);

describe('three devices edit the same documents offline, then reconnect in random order', () => {
  for (let run = 0; run < ORDERS; run++) {
    it(`order ${run + 1}`, async () => {
      const seed = 10_000 + run;
      const rng = prng(seed);
      const docs = roundDocs(seed);
      const [first, second, third] = cluster.devices as [typeof cluster.devices[0], typeof cluster.devices[0], typeof cluster.devices[0]];
      const slot = docs.slots[0]!;
      for (const which of [slot.id, docs.inspectionId, docs.actionId]) {
        const { collection, doc } = newDocument(docs, which, rng);
        await first.call('create', { collection, doc });
      }
      await cluster.settle(allIds(docs));

      for (const d of cluster.devices) d.proxy.down();
      const edit = (device: typeof first, collection: string, id: string, mutation: unknown) =>
        device.call<boolean>('mutate', { collection, id, mutation }).then((ok) => expect(ok).toBe(true));
      const devices = [first, second, third];
      for (const [i, d] of devices.entries()) {
        await edit(d, 'inspections', docs.inspectionId, { type: 'answer', itemId: ['desk-tidy', 'civil-language', 'arrived-early'][i], choice: 'pass', note: `独立${i}` });
        await edit(d, 'inspections', docs.inspectionId, { type: 'note', token: `〔设备${i}的备注〕` });
        await edit(d, 'inspections', docs.actionId, { type: 'comment', token: `〔设备${i}的意见〕` });
        await edit(d, 'inspections', docs.actionId, { type: 'evidence', hash: String(i).repeat(64) });
        await edit(d, 'rosters', slot.id, { type: 'slot', staffId: `staff-${i + 1}`, note: `设备${i}的排班` });
        // The same item answered on every device, one after the other: the last answer must win.
        await new Promise((r) => setTimeout(r, 5));
        await edit(d, 'inspections', docs.inspectionId, { type: 'answer', itemId: 'uniform', choice: i % 2 ? 'fail' : 'pass', note: `共同${i}` });
      }
      await edit(second, 'inspections', docs.actionId, { type: 'advance' });
      await edit(second, 'inspections', docs.actionId, { type: 'advance' });
      await edit(third, 'inspections', docs.actionId, { type: 'advance' });

      // Reconnect one by one in a random order, each pushing before the next comes back.
      const order = [0, 1, 2].sort(() => rng.next() - 0.5);
      for (const i of order) {
        devices[i]!.proxy.up();
        await devices[i]!.call('syncNow');
        await new Promise((r) => setTimeout(r, rng.int(0, 150)));
      }
      const server = await cluster.settle(allIds(docs));

      const inspection = server.inspections!.get(docs.inspectionId)!;
      const action = server.inspections!.get(docs.actionId)!;
      const notes = yjsTextOf(inspection.notes as string);
      const comments = yjsTextOf(action.comments as string);
      for (const i of [0, 1, 2]) {
        expect(notes).toContain(`〔设备${i}的备注〕`);
        expect(comments).toContain(`〔设备${i}的意见〕`);
        expect(action.evidence).toContain(String(i).repeat(64));
      }
      const answers = Object.fromEntries((inspection.answers as { itemId: string; note: string }[]).map((a) => [a.itemId, a.note]));
      expect(answers).toEqual({ 'desk-tidy': '独立0', 'civil-language': '独立1', 'arrived-early': '独立2', uniform: '共同2' });
      // Two steps forward on one device beat one step on another: the status never moves back.
      expect(action.status).toBe('evidence-submitted');

      // The slot: one version won; every other version is in a conflict log, none silently dropped.
      const finalNote = server.rosters!.get(slot.id)!.note as string;
      const logs = (await Promise.all(devices.map((d) => d.log()))).flat().filter((e) => e.kind === 'conflict' && e.docId === slot.id);
      const kept = new Set([finalNote, ...logs.map((e) => e.doc?.note as string)]);
      for (const i of [0, 1, 2]) expect(kept).toContain(`设备${i}的排班`);
    }, 90_000);
  }
});
