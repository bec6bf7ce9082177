import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { deviceUserId, isDeviceUser } from '../../src/domain/protocol';
import type { SessionUser } from '../../src/domain/roles';
import { idSchema, ORG_WIDE } from '../../src/domain/schemas/common';
import { inScope } from '../auth/policy';
import { hashToken, newToken } from '../auth/tokens';
import type { DeviceRecord, NewDevice, NewUser, Store } from '../store/store';
import { ClockKeeper } from '../time/clocks';
import { parseBody } from './body';
import { authOf, requireAuth, type AppContext } from './context';
import { HttpProblem } from './problem';

const enrolSchema = z.object({ siteId: idSchema, name: z.string().trim().min(1).max(100) }).strict();
const deviceSignInSchema = z.object({ credential: z.string().min(1).max(200) }).strict();

/** A password hash no password matches: device users sign in only with their credential. */
const NO_PASSWORD = '!';

/** Administrators manage every device in their scope; managers those of their own sites. */
export function canManageDevices(user: SessionUser, siteId: string): boolean {
  if (isDeviceUser(user) || siteId === ORG_WIDE) return false;
  if (user.role === 'admin') return inScope(user, siteId, 'write');
  return user.role === 'manager' && inScope(user, siteId, 'write');
}

/** Enrols a kiosk device; returns it and its credential (shown once, only its hash is kept). */
export async function enrolDevice(store: Store, input: { siteId: string; name: string; createdBy: string; now: Date }) {
  const id = randomUUID();
  const credential = newToken();
  const createdAt = input.now.toISOString();
  const device: NewDevice = { id, siteId: input.siteId, name: input.name, credentialHash: hashToken(credential), createdAt, createdBy: input.createdBy };
  const user: NewUser = {
    id: deviceUserId(id),
    username: deviceUserId(id),
    displayName: input.name,
    role: 'guide',
    siteIds: [input.siteId],
    passwordHash: NO_PASSWORD,
    createdAt,
  };
  await store.insertDevice(device, user);
  return { device: { id, siteId: input.siteId, name: input.name, createdAt }, credential };
}

/** Whether a site document exists (devices are enrolled to real sites only). */
export async function siteExists(store: Store, siteId: string): Promise<boolean> {
  const [site] = await store.getDocuments('sites', [siteId]);
  return site !== undefined && !site.deleted;
}

/**
 * Kiosk tablets (ARCHITECTURE.md "People, devices and permissions"): an
 * administrator or the site's manager enrols a tablet to one site and gets a
 * credential once; the tablet signs in with it as a guide-like session user
 * `device:<id>` scoped to that site. Revoking ends its sessions at their next request.
 */
export function deviceRoutes(app: FastifyInstance, ctx: AppContext): void {
  const view = async (d: DeviceRecord) => {
    const drift =
      d.clockOffsetMs !== null && d.lastSeenAt !== null
        ? ClockKeeper.drift({ deviceId: d.id, userId: deviceUserId(d.id), offsetMs: d.clockOffsetMs, at: d.lastSeenAt }, await ctx.policy())
        : null;
    return {
      id: d.id,
      siteId: d.siteId,
      name: d.name,
      createdAt: d.createdAt,
      revokedAt: d.revokedAt,
      lastSeenAt: d.lastSeenAt,
      clockOffsetMs: d.clockOffsetMs,
      clockDriftFlagged: drift?.flagged ?? false,
    };
  };

  app.post('/auth/device', async (request) => {
    const { credential } = parseBody(deviceSignInSchema, request.body);
    // Counted per address, like password guessing.
    const account = `#device@${request.ip}`;
    const limited = ctx.limiter.attempt(request.ip, account);
    if (limited) {
      throw new HttpProblem(429, `Too many sign-in attempts; try again in ${limited.retryAfterSeconds} seconds.`, {}, { 'Retry-After': String(limited.retryAfterSeconds) });
    }
    const device = await ctx.store.getDeviceByCredentialHash(hashToken(credential));
    const result = device && device.revokedAt === null ? await ctx.sessions.startSession(deviceUserId(device.id)) : null;
    if (!result) {
      ctx.limiter.failed(account);
      throw new HttpProblem(401, 'The device credential is unknown or the device was revoked; enrol the tablet again.');
    }
    ctx.limiter.succeeded(account);
    return { ...result.tokens, user: result.user };
  });

  app.register(async (authed) => {
    authed.addHook('onRequest', requireAuth(ctx));

    authed.post('/devices', async (request, reply) => {
      const { user } = authOf(request);
      const { siteId, name } = parseBody(enrolSchema, request.body);
      if (!canManageDevices(user, siteId)) throw new HttpProblem(403, `You may not enrol devices for site ${siteId}.`);
      if (!(await siteExists(ctx.store, siteId))) throw new HttpProblem(422, `There is no site ${siteId}.`);
      const enrolled = await enrolDevice(ctx.store, { siteId, name, createdBy: user.id, now: ctx.now() });
      request.log.info({ deviceId: enrolled.device.id, siteId }, 'device enrolled');
      return reply.code(201).send(enrolled);
    });

    authed.get('/devices', async (request) => {
      const { user } = authOf(request);
      if (isDeviceUser(user) || (user.role !== 'admin' && user.role !== 'manager')) {
        throw new HttpProblem(403, 'Only administrators and managers see the enrolled devices.');
      }
      const devices = await ctx.store.listDevices(user.siteIds.includes(ORG_WIDE) ? 'all' : user.siteIds);
      return { devices: await Promise.all(devices.map(view)) };
    });

    authed.delete<{ Params: { id: string } }>('/devices/:id', async (request, reply) => {
      const { user } = authOf(request);
      const id = request.params.id;
      const device = id.length <= 100 ? await ctx.store.getDevice(id) : null;
      // A device the caller may not manage is answered like a missing one.
      if (!device || !canManageDevices(user, device.siteId)) throw new HttpProblem(404, `There is no device ${id.slice(0, 100)}.`);
      if (await ctx.store.revokeDevice(id, ctx.now().toISOString())) request.log.info({ deviceId: id }, 'device revoked');
      return reply.code(204).send();
    });
  });
}
