import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { can } from '../auth/policy';
import type { Authenticated } from '../auth/sessions';
import { HEADERS } from '../../src/domain/protocol';
import type { ChangeBatch } from '../replication/hub';
import { wireFor } from '../replication/visible-pull';
import { authOf, bearerToken, requireAuth, type AppContext } from './context';

/** A stream whose client reads too slowly is dropped; it reconnects and RESYNCs. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

export function formatEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** The part of a committed batch this user may read, as an SSE `change` payload (null if nothing). */
export function changeFor(auth: Authenticated, batch: ChangeBatch): { collection: string; documents: unknown[]; checkpoint: { seq: number } } | null {
  const visible = batch.docs.filter((d) => can(auth.user, 'read', batch.collection, d.data).allowed);
  const last = visible.at(-1);
  if (!last) return null;
  return { collection: batch.collection, documents: visible.map((d) => wireFor(auth.user, d)), checkpoint: { seq: last.seq } };
}

/** Open streams, so shutdown can end them (they would otherwise keep the server open). */
export class OpenStreams {
  private readonly ends = new Set<() => void>();
  add(end: () => void): () => void {
    this.ends.add(end);
    return () => this.ends.delete(end);
  }
  closeAll(): void {
    for (const end of [...this.ends]) end();
  }
  get size(): number {
    return this.ends.size;
  }
}

/**
 * ONE multiplexed Server-Sent Events stream per client for every collection:
 * `hello` on connect, `change` after each committed push the user may see,
 * `heartbeat` every few seconds. Each heartbeat also re-checks the session, so
 * a signed-out or disabled user's stream ends.
 */
export function streamRoutes(app: FastifyInstance, ctx: AppContext, streams: OpenStreams): void {
  app.register(async (authed) => {
    authed.addHook('onRequest', requireAuth(ctx, { allowQueryToken: true }));

    authed.get('/replication/stream', (request, reply) => {
      const auth = authOf(request);
      const token = bearerToken(request, true) ?? '';
      const res: ServerResponse = reply.raw;
      reply.hijack();
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache',
        'X-Accel-Buffering': 'no',
        [HEADERS.serverTime]: ctx.now().toISOString(),
        // A stream is its connection's last response: when it ends, the socket closes too.
        Connection: 'close',
      });
      res.flushHeaders();

      let closed = false;
      const send = (event: string, data: unknown) => {
        if (closed) return;
        res.write(formatEvent(event, data));
        if (res.writableLength > MAX_BUFFERED_BYTES) {
          request.log.warn('SSE client too slow; closing its stream');
          end();
        }
      };
      const unsubscribe = ctx.hub.subscribe((batch) => {
        const change = changeFor(auth, batch);
        if (change) send('change', change);
      });
      const heartbeat = setInterval(() => {
        void ctx.sessions.authenticate(token).then((still) => {
          if (!still) end();
          else send('heartbeat', { time: ctx.now().toISOString() });
        }, end);
      }, ctx.config.heartbeatMs);
      const forget = streams.add(() => end());
      function end() {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        forget();
        res.end();
      }
      res.on('close', end);
      send('hello', { time: ctx.now().toISOString() });
    });
  });
}
