import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { collections, isCollectionName, type CollectionSpec } from '../../src/domain/collections';
import { actorOf } from '../auth/policy';
import { planPush, pushedIds, type PushRow } from '../replication/push-plan';
import { pullVisible, wireFor } from '../replication/visible-pull';
import type { Store } from '../store/store';
import { deviceIdOf } from '../time/clocks';
import { parseBody } from './body';
import { authOf, requireAuth, type AppContext } from './context';
import { HttpProblem } from './problem';

export const MAX_PUSH_ROWS = 500;
export const DEFAULT_PULL_LIMIT = 100;
export const MAX_PULL_LIMIT = 1000;

function collectionOf(name: string): CollectionSpec {
  if (!isCollectionName(name)) throw new HttpProblem(404, `There is no collection named "${name}".`);
  return collections[name];
}

/** Parses an optional non-negative integer query parameter; absent or empty gives `fallback`. */
function intParam<T>(query: unknown, key: string, fallback: T, range: { min: number; max: number }): number | T {
  const raw = (query as Record<string, unknown> | undefined)?.[key];
  if (raw === undefined || raw === '') return fallback;
  const n = typeof raw === 'string' && /^\d{1,16}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < range.min || n > range.max) {
    throw new HttpProblem(400, `The query parameter "${key}" must be a whole number from ${range.min} to ${range.max}.`);
  }
  return n;
}

const jsonObject = z.record(z.string(), z.unknown());
const pushBodySchema = z.array(
  z.object({
    newDocumentState: jsonObject.refine((d) => d._deleted === undefined || typeof d._deleted === 'boolean', {
      message: '_deleted must be a boolean',
    }),
    assumedMasterState: jsonObject.nullable().optional(),
  }),
);

/**
 * Home sites of the staff records an attendance push names, for the rule that
 * guides and kiosks punch only for their sites' staff. Read before the push
 * transaction: a staff record moving site at the same instant is not a race
 * worth a lock.
 */
async function staffSitesFor(store: Store, rows: readonly PushRow[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.map((r) => r.newDocumentState.staffId).filter((id): id is string => typeof id === 'string'))];
  const staff = await store.getDocuments('staff', ids);
  return new Map(staff.filter((d) => !d.deleted).map((d) => [d.id, d.siteId]));
}

/** RxDB's pull/push endpoints for every collection in the registry, and the caller's quarantined rows. */
export function replicationRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.register(async (authed) => {
    authed.addHook('onRequest', requireAuth(ctx));

    authed.get<{ Params: { collection: string } }>('/replication/:collection/pull', async (request, reply) => {
      const spec = collectionOf(request.params.collection);
      const checkpoint = intParam(request.query, 'checkpoint', null, { min: 0, max: Number.MAX_SAFE_INTEGER });
      const limit = intParam(request.query, 'limit', DEFAULT_PULL_LIMIT, { min: 1, max: MAX_PULL_LIMIT });
      const { user } = authOf(request);
      await ctx.clocks.observe(request, user, ctx.now());
      const page = await pullVisible(ctx.store, user, spec.name, checkpoint ?? 0, limit);
      const next = page.lastSeq !== null ? { seq: page.lastSeq } : checkpoint === null ? null : { seq: checkpoint };
      // Assembled from each document's JSON text (see wireJsonFor).
      return reply.type('application/json; charset=utf-8').send(`{"documents":[${page.documents.join(',')}],"checkpoint":${JSON.stringify(next)}}`);
    });

    authed.post<{ Params: { collection: string } }>('/replication/:collection/push', async (request, reply) => {
      const spec = collectionOf(request.params.collection);
      if (Array.isArray(request.body) && request.body.length > MAX_PUSH_ROWS) {
        throw new HttpProblem(413, `A push may carry at most ${MAX_PUSH_ROWS} documents; split it into smaller batches.`);
      }
      const rows: PushRow[] = parseBody(pushBodySchema, request.body);
      const { user } = authOf(request);
      const now = ctx.now();
      await ctx.clocks.observe(request, user, now);
      const deviceId = deviceIdOf(request, user);
      const actor = actorOf(user);
      const staffSites = spec.name === 'attendance' && (actor === 'guide' || actor === 'kiosk') ? await staffSitesFor(ctx.store, rows) : undefined;
      const policy = spec.name === 'leave' ? await ctx.policy() : undefined;
      const result = await ctx.store.applyPush({
        collection: spec.name,
        ids: pushedIds(rows),
        actor: { userId: user.id, deviceId },
        now,
        plan: (masters) => planPush(rows, masters, { spec, user, now, staffSites, policy }),
      });
      if (result.kind === 'rejected') {
        request.log.warn({ collection: spec.name, rejected: result.rejections.length }, 'push rejected');
        throw new HttpProblem(
          422,
          `${result.rejections.length} of ${rows.length} documents failed validation or permission checks, so nothing was saved; ` +
            'push the others again without them.',
          { rejected: result.rejections.map((r) => ({ id: r.docId, reason: r.reason })) },
        );
      }
      ctx.hub.publish({ collection: spec.name, docs: result.written });
      // Every master the client should now hold: real conflicts, and the rows just
      // written or found unchanged with the server's stamps (docs/adr/0002-push-protocol.md).
      return reply.send([...result.conflicts, ...result.written].map((d) => wireFor(user, d)));
    });

    authed.get('/rejections', async (request) => {
      const { user } = authOf(request);
      const limit = intParam(request.query, 'limit', DEFAULT_PULL_LIMIT, { min: 1, max: MAX_PULL_LIMIT });
      const before = intParam(request.query, 'before', undefined, { min: 1, max: Number.MAX_SAFE_INTEGER });
      const rejections = await ctx.store.listRejections({
        userId: user.role === 'admin' ? null : user.id,
        limit,
        beforeId: before,
      });
      return {
        rejections: rejections.map((r) => ({
          id: r.id,
          userId: r.userId,
          deviceId: r.deviceId,
          collection: r.collection,
          docId: r.docId,
          reason: r.reason,
          document: r.raw,
          createdAt: r.createdAt,
        })),
      };
    });
  });
}
