import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { readFileSync } from 'node:fs';
import { LoginLimiter } from './auth/login-limiter';
import { SessionService } from './auth/sessions';
import type { Config } from './config';
import { auditRoutes } from './http/audit';
import { authRoutes } from './http/auth';
import { deviceRoutes } from './http/devices';
import { mediaRoutes } from './http/media';
import { registerProtocolHooks } from './http/protocol';
import { trackConnections } from './http/connections';
import { useTolerantJsonParser } from './http/body';
import type { AppContext } from './http/context';
import { healthRoutes } from './http/health';
import { makeErrorHandler } from './http/problem';
import { replicationRoutes } from './http/replication';
import { registerSecurityHeaders } from './http/security';
import { registerStaticApp } from './http/static';
import { OpenStreams, streamRoutes } from './http/stream';
import { ChangeHub } from './replication/hub';
import { orgPolicyProvider } from './replication/org-policy';
import type { Store } from './store/store';
import { ClockKeeper } from './time/clocks';

declare module 'fastify' {
  interface FastifyInstance {
    /** How many SSE streams are open (for tests and future metrics). */
    openStreamCount(): number;
  }
}

export interface BuildOptions {
  config: Config;
  store: Store;
  /** The server clock; tests pass a fake one. */
  now?: () => Date;
  /** Overrides the pino logger options (tests silence it). */
  logger?: FastifyServerOptions['logger'];
}

export const APP_VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** Never write a bearer token into the logs, including the SSE stream's `?token=`. */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:token|refreshToken)=)[^&]*/gi, '$1[redacted]');
}

/**
 * Builds the Fastify app (routes, hooks, error handling) without listening.
 * The caller owns the store: it closes it after `app.close()`.
 */
export async function buildApp({ config, store, now = () => new Date(), logger }: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ?? {
      level: config.logLevel,
      redact: ['req.headers.authorization'],
      serializers: {
        req: (req: { method: string; url: string; ip?: string }) => ({ method: req.method, url: redactUrl(req.url), ip: req.ip }),
      },
    },
    bodyLimit: config.bodyLimitBytes,
    // While closing, a request on a kept-alive connection gets 503 instead of starting new work.
    return503OnClosing: true,
  });

  const ctx: AppContext = {
    config,
    store,
    sessions: new SessionService(store, config, now),
    hub: new ChangeHub(),
    limiter: new LoginLimiter(config.login, () => now().getTime()),
    now,
    version: APP_VERSION,
    lifecycle: { shuttingDown: false },
    clocks: new ClockKeeper(store),
    policy: orgPolicyProvider(store, () => now().getTime()),
  };
  const streams = new OpenStreams();

  app.decorateRequest('auth', null);
  app.decorate('openStreamCount', () => streams.size);
  app.setErrorHandler(makeErrorHandler(config.bodyLimitBytes));
  useTolerantJsonParser(app);
  await registerSecurityHeaders(app);
  registerProtocolHooks(app, ctx);

  // Other server processes on the same PostgreSQL: their commits reach this process's streams too.
  const stopRemote = store.onRemoteChanges?.((batch) => ctx.hub.publish(batch));
  app.addHook('onClose', async () => stopRemote?.());

  // Shutdown: readiness turns 503, SSE streams end, idle connections close; requests
  // in flight finish (their connections close right after), so close() resolves promptly.
  const connections = trackConnections(app.server);
  app.addHook('preClose', async () => {
    ctx.lifecycle.shuttingDown = true;
    streams.closeAll();
    connections.drain();
  });

  await app.register(
    async (api) => {
      healthRoutes(api, ctx);
      authRoutes(api, ctx);
      streamRoutes(api, ctx, streams);
      replicationRoutes(api, ctx);
      deviceRoutes(api, ctx);
      mediaRoutes(api, ctx);
      auditRoutes(api, ctx);
    },
    { prefix: '/api/v1' },
  );
  await registerStaticApp(app, config.staticDir);
  return app;
}
