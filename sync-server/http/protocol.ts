import type { FastifyInstance } from 'fastify';
import { HEADERS } from '../../src/domain/protocol';
import type { AppContext } from './context';
import { HttpProblem } from './problem';

/** Liveness and readiness answer every client: load balancers send no version. */
const VERSION_FREE = new Set(['/api/v1/health', '/api/v1/ready']);

/** The client's protocol version from X-Client-Version: null when absent; 400 when not a whole number. */
export function clientVersionOf(raw: string | string[] | undefined): number | null {
  if (raw === undefined) return null;
  if (typeof raw !== 'string' || !/^\d{1,9}$/.test(raw.trim())) {
    throw new HttpProblem(400, `The header ${HEADERS.clientVersion} must be a whole number (the client's protocol version).`);
  }
  return Number(raw.trim());
}

/**
 * Every answer carries the server's clock (X-Server-Time), so a device can
 * measure its drift from any exchange. An API request from a client older
 * than the server's minimum protocol version gets 426: the app reloads to
 * update instead of writing documents this server no longer understands.
 */
export function registerProtocolHooks(app: FastifyInstance, ctx: AppContext): void {
  app.addHook('onSend', async (_request, reply) => {
    reply.header(HEADERS.serverTime, ctx.now().toISOString());
  });
  app.addHook('onRequest', async (request) => {
    const path = request.url.split('?')[0];
    if (!path.startsWith('/api/') || VERSION_FREE.has(path)) return;
    const version = clientVersionOf(request.headers[HEADERS.clientVersion]);
    if (version !== null && version < ctx.config.minClientVersion) {
      throw new HttpProblem(
        426,
        `This app (protocol ${version}) is older than the server needs (protocol ${ctx.config.minClientVersion}); reload the app to update it.`,
        { minVersion: ctx.config.minClientVersion },
      );
    }
  });
}
