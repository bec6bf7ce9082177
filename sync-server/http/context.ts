import type { FastifyRequest } from 'fastify';
import type { Policy } from '../../src/domain/policy';
import type { LoginLimiter } from '../auth/login-limiter';
import type { ClockKeeper } from '../time/clocks';
import type { Authenticated, SessionService } from '../auth/sessions';
import type { Config } from '../config';
import type { ChangeHub } from '../replication/hub';
import type { Store } from '../store/store';
import { HttpProblem } from './problem';

/** What the route modules share; built once by buildApp. */
export interface AppContext {
  config: Config;
  store: Store;
  sessions: SessionService;
  hub: ChangeHub;
  limiter: LoginLimiter;
  now: () => Date;
  version: string;
  /** Set when shutdown starts: /ready answers 503 so a load balancer stops sending traffic. */
  lifecycle: { shuttingDown: boolean };
  /** Device clock readings (X-Device-Time) and drift. */
  clocks: ClockKeeper;
  /** The organisation's policy in force (cached briefly). */
  policy(): Promise<Policy>;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: Authenticated | null;
  }
}

/** The bearer token from the Authorization header (or, where allowed, `?token=`). */
export function bearerToken(request: FastifyRequest, allowQueryToken: boolean): string | null {
  const header = request.headers.authorization;
  if (header) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return m ? m[1] : null;
  }
  if (allowQueryToken) {
    const token = (request.query as Record<string, unknown> | undefined)?.token;
    if (typeof token === 'string' && token) return token;
  }
  return null;
}

/**
 * An onRequest hook: answers 401 before the body is even read when the bearer
 * token is missing, unknown, expired or revoked. `allowQueryToken` is for the
 * SSE stream, because a browser's EventSource cannot set headers.
 */
export function requireAuth(ctx: AppContext, options: { allowQueryToken?: boolean } = {}) {
  return async (request: FastifyRequest) => {
    const token = bearerToken(request, options.allowQueryToken ?? false);
    if (!token) {
      throw new HttpProblem(401, 'Sign in first: send the session token as "Authorization: Bearer <token>".', {}, { 'WWW-Authenticate': 'Bearer' });
    }
    const auth = await ctx.sessions.authenticate(token);
    if (!auth) {
      throw new HttpProblem(401, 'The session token is invalid or has expired; sign in again.', {}, {
        'WWW-Authenticate': 'Bearer error="invalid_token"',
      });
    }
    request.auth = auth;
  };
}

/** The authenticated caller (only inside routes guarded by requireAuth). */
export function authOf(request: FastifyRequest): Authenticated {
  if (!request.auth) throw new Error('authOf called on a route without requireAuth');
  return request.auth;
}
