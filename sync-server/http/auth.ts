import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { loginRequestSchema } from '../../src/domain/roles';
import { ClockKeeper, deviceIdOf } from '../time/clocks';
import { authOf, requireAuth, type AppContext } from './context';
import { parseBody } from './body';
import { HttpProblem } from './problem';

const refreshRequestSchema = z.object({ refreshToken: z.string().min(1).max(200) }).strict();

const WRONG_CREDENTIALS = 'Wrong username or password.';

async function storedReading(ctx: AppContext, deviceId: string | null) {
  return deviceId ? ctx.store.getClock(deviceId) : null;
}

/** Sign-in, token refresh, sign-out and "who am I". */
export function authRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post('/auth/login', async (request) => {
    const { username, password } = parseBody(loginRequestSchema, request.body);
    const limited = ctx.limiter.attempt(request.ip, username);
    if (limited) {
      throw new HttpProblem(
        429,
        limited.reason === 'account'
          ? `Too many failed sign-ins for this account; try again in ${limited.retryAfterSeconds} seconds.`
          : `Too many sign-in attempts from this address; try again in ${limited.retryAfterSeconds} seconds.`,
        {},
        { 'Retry-After': String(limited.retryAfterSeconds) },
      );
    }
    const result = await ctx.sessions.login(username, password);
    if (!result) {
      ctx.limiter.failed(username);
      request.log.info({ username }, 'sign-in refused');
      throw new HttpProblem(401, WRONG_CREDENTIALS);
    }
    ctx.limiter.succeeded(username);
    return { ...result.tokens, user: result.user };
  });

  app.post('/auth/refresh', async (request) => {
    const { refreshToken } = parseBody(refreshRequestSchema, request.body);
    const result = await ctx.sessions.refresh(refreshToken);
    if (!result) throw new HttpProblem(401, 'The refresh token is invalid, expired or already used; sign in again.');
    return { ...result.tokens, user: result.user };
  });

  app.register(async (authed) => {
    authed.addHook('onRequest', requireAuth(ctx));

    authed.post('/auth/logout', async (request, reply) => {
      await ctx.sessions.logout(authOf(request).sessionId);
      return reply.code(204).send();
    });

    // The caller and, when its device sent X-Device-Time now or before, that device's clock drift.
    authed.get('/me', async (request) => {
      const { user } = authOf(request);
      const reading = (await ctx.clocks.observe(request, user, ctx.now())) ?? (await storedReading(ctx, deviceIdOf(request, user)));
      return { user, drift: reading ? ClockKeeper.drift(reading, await ctx.policy()) : null };
    });
  });
}
