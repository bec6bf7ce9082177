import type { FastifyInstance } from 'fastify';
import type { AppContext } from './context';
import { sendProblem } from './problem';

/** Liveness (no I/O) and readiness (the database answers and the server is not shutting down). */
export function healthRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/health', async () => ({ status: 'ok', version: ctx.version, time: ctx.now().toISOString() }));

  app.get('/ready', async (request, reply) => {
    if (ctx.lifecycle.shuttingDown) return sendProblem(reply, 503, 'The server is shutting down.');
    try {
      await ctx.store.ping();
    } catch (err) {
      request.log.error({ err }, 'database ping failed');
      return sendProblem(reply, 503, 'The database is not answering.');
    }
    return { status: 'ready', version: ctx.version, time: ctx.now().toISOString() };
  });
}
