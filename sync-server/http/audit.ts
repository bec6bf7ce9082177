import type { FastifyInstance } from 'fastify';
import { isCollectionName } from '../../src/domain/collections';
import { isDeviceUser } from '../../src/domain/protocol';
import { can } from '../auth/policy';
import { authOf, requireAuth, type AppContext } from './context';
import { HttpProblem } from './problem';

function queryString(query: unknown, key: string): string {
  const v = (query as Record<string, unknown> | undefined)?.[key];
  if (typeof v !== 'string' || v.length === 0 || v.length > 100) {
    throw new HttpProblem(400, `The query parameter "${key}" is required (at most 100 characters).`);
  }
  return v;
}

/**
 * The history of one document from the audit log ("history of changes" in
 * the staff view): who changed it, when, from which device, which fields.
 * Managers and administrators, for documents in their scope.
 */
export function auditRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.register(async (authed) => {
    authed.addHook('onRequest', requireAuth(ctx));

    authed.get('/audit', async (request) => {
      const collection = queryString(request.query, 'collection');
      const docId = queryString(request.query, 'docId');
      const { user } = authOf(request);
      if (isDeviceUser(user) || (user.role !== 'manager' && user.role !== 'admin')) {
        throw new HttpProblem(403, 'Only managers and administrators read the history of changes.');
      }
      const notFound = new HttpProblem(404, `There is no ${collection} document ${docId} in your scope.`);
      if (!isCollectionName(collection)) throw notFound;
      const [doc] = await ctx.store.getDocuments(collection, [docId]);
      if (!doc || !can(user, 'read', collection, doc.data).allowed) throw notFound;
      const entries = await ctx.store.auditHistory(collection, docId);
      return {
        entries: entries.reverse().map((e) => ({
          at: e.at,
          userId: e.userId,
          deviceId: e.deviceId,
          action: e.action,
          fields: e.fields,
          seq: e.seq,
          docHash: e.docHash,
          hash: e.hash,
        })),
      };
    });
  });
}
