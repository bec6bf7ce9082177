import type { FastifyInstance } from 'fastify';
import { createHash } from 'node:crypto';
import type { SessionUser } from '../../src/domain/roles';
import { can } from '../auth/policy';
import type { Store } from '../store/store';
import { authOf, requireAuth, type AppContext } from './context';
import { HttpProblem } from './problem';

/** A media id is the lower-case hex SHA-256 of its bytes: nothing else can reach the file system. */
export const MEDIA_HASH = /^[0-9a-f]{64}$/;
export const MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
/** Referencing documents looked at when deciding who may fetch a picture. */
const MAX_REFERENCES_CHECKED = 50;

const mediaTypeOf = (header: string | undefined) => (header ?? '').split(';')[0].trim().toLowerCase();

/**
 * Who may fetch a picture: whoever uploaded it, and whoever may read a
 * document that refers to it (an inspection's photos, a leave's evidence…).
 */
export async function mayFetchMedia(store: Store, user: SessionUser, hash: string, uploadedBy: string): Promise<boolean> {
  if (uploadedBy === user.id) return true;
  for (const ref of await store.mediaReferences(hash, MAX_REFERENCES_CHECKED)) {
    const [doc] = await store.getDocuments(ref.collection, [ref.docId]);
    if (doc && !doc.deleted && can(user, 'read', ref.collection, doc.data).allowed) return true;
  }
  return false;
}

/**
 * Photos and signatures, content-addressed (ARCHITECTURE.md "Photos and
 * signatures"): `PUT /media/{sha256}` stores the raw bytes once (201, or 200
 * when already stored, so a retry is harmless); `GET` serves them as
 * immutable. Anything a caller may not fetch is answered 404, like a missing
 * picture, so existence does not leak.
 */
export function mediaRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.register(async (media) => {
    media.addHook('onRequest', requireAuth(ctx));
    media.addContentTypeParser([...MEDIA_TYPES], { parseAs: 'buffer', bodyLimit: ctx.config.mediaLimitBytes }, (_request, body, done) => done(null, body));
    media.addContentTypeParser('*', (_request, _payload, done) => {
      done(new HttpProblem(415, `A picture must be sent as ${MEDIA_TYPES.join(', ')}.`), undefined);
    });

    media.put<{ Params: { hash: string } }>('/media/:hash', { bodyLimit: ctx.config.mediaLimitBytes }, async (request, reply) => {
      const { hash } = request.params;
      if (!MEDIA_HASH.test(hash)) throw new HttpProblem(400, 'A media id is the SHA-256 of the bytes in lower-case hex (64 characters).');
      const type = mediaTypeOf(request.headers['content-type']);
      const body = request.body;
      if (!(MEDIA_TYPES as readonly string[]).includes(type) || !Buffer.isBuffer(body)) {
        throw new HttpProblem(415, `A picture must be sent as ${MEDIA_TYPES.join(', ')}.`);
      }
      if (body.length === 0) throw new HttpProblem(400, 'The picture is empty.');
      const actual = createHash('sha256').update(body).digest('hex');
      if (actual !== hash) throw new HttpProblem(422, `The bytes do not match their id: their SHA-256 is ${actual}.`);
      const { user } = authOf(request);
      const stored = await ctx.store.putMedia({ hash, contentType: type, size: body.length, bytes: body, uploadedBy: user.id, createdAt: ctx.now().toISOString() });
      return reply.code(stored === 'created' ? 201 : 200).send({ hash, size: body.length, contentType: type });
    });

    media.get<{ Params: { hash: string } }>('/media/:hash', async (request, reply) => {
      const { hash } = request.params;
      const notFound = () => new HttpProblem(404, 'There is no such picture, or you may not see it.');
      if (!MEDIA_HASH.test(hash)) throw notFound();
      const info = await ctx.store.getMediaInfo(hash);
      if (!info || !(await mayFetchMedia(ctx.store, authOf(request).user, hash, info.uploadedBy))) throw notFound();
      const etag = `"${hash}"`;
      reply.header('Cache-Control', 'private, max-age=31536000, immutable').header('ETag', etag);
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      const bytes = await ctx.store.readMedia(hash);
      if (!bytes) {
        request.log.error({ hash }, 'media bytes missing for a stored picture');
        throw notFound();
      }
      return reply.type(info.contentType).send(bytes);
    });
  });
}
