import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { loginRequestSchema } from '../../src/domain/roles';
import { authOf, requireAuth, type AppContext } from './context';
import { parseBody } from './body';
import { HttpProblem } from './problem';

const refreshRequestSchema = z.object({ refreshToken: z.string().min(1).max(200) }).strict();

const WRONG_CREDENTIALS = 'Wrong username or password.';

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

    authed.get('/me', async (request) => ({ user: authOf(request).user }));
  });
}
