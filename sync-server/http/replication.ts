import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { collections, isCollectionName, type CollectionSpec } from '../../src/domain/collections';
import { readableSites } from '../auth/policy';
import { toWire } from '../replication/documents';
import { planPush, pushedIds, type PushRow } from '../replication/push-plan';
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

/** RxDB's pull/push endpoints for every collection in the registry, and the caller's quarantined rows. */
export function replicationRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.register(async (authed) => {
    authed.addHook('onRequest', requireAuth(ctx));

    authed.get<{ Params: { collection: string } }>('/replication/:collection/pull', async (request) => {
      const spec = collectionOf(request.params.collection);
      const checkpoint = intParam(request.query, 'checkpoint', null, { min: 0, max: Number.MAX_SAFE_INTEGER });
      const limit = intParam(request.query, 'limit', DEFAULT_PULL_LIMIT, { min: 1, max: MAX_PULL_LIMIT });
      const docs = await ctx.store.pull({
        collection: spec.name,
        afterSeq: checkpoint ?? 0,
        limit,
        sites: readableSites(authOf(request).user),
      });
      const last = docs.at(-1);
      return {
        documents: docs.map(toWire),
        checkpoint: last ? { seq: last.seq } : checkpoint === null ? null : { seq: checkpoint },
      };
    });

    authed.post<{ Params: { collection: string } }>('/replication/:collection/push', async (request, reply) => {
      const spec = collectionOf(request.params.collection);
      if (Array.isArray(request.body) && request.body.length > MAX_PUSH_ROWS) {
        throw new HttpProblem(413, `A push may carry at most ${MAX_PUSH_ROWS} documents; split it into smaller batches.`);
      }
      const rows: PushRow[] = parseBody(pushBodySchema, request.body);
      const { user } = authOf(request);
      const now = ctx.now();
      const deviceHeader = request.headers['x-device-id'];
      const deviceId = typeof deviceHeader === 'string' && deviceHeader.length > 0 ? deviceHeader.slice(0, 100) : null;
      const result = await ctx.store.applyPush({
        collection: spec.name,
        ids: pushedIds(rows),
        actor: { userId: user.id, deviceId },
        now,
        plan: (masters) => planPush(rows, masters, { spec, user, now }),
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
      return reply.send([...result.conflicts, ...result.written].map(toWire));
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
