import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Session } from './session';

/** A kiosk tablet switching to a person and back (session.ts), against a localStorage and a fake server. */

const device: Session = {
  token: 'device-access',
  refreshToken: 'device-refresh',
  user: { id: 'device:d1', username: 'device:d1', displayName: '一号平板', role: 'guide', siteIds: ['site-hall-1'] },
};
const manager: Session = {
  token: 'manager-access',
  refreshToken: 'manager-refresh',
  user: { id: 'u-manager', username: 'manager', displayName: '经理', role: 'manager', siteIds: ['site-hall-1'] },
};

function memoryStorage(): Storage {
  const data = new Map<string, string>();
  return {
    get length() {
      return data.size;
    },
    key: (i) => [...data.keys()][i] ?? null,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, String(v)),
    removeItem: (k) => void data.delete(k),
    clear: () => data.clear(),
  };
}

let logouts: string[];

/** A fresh module, as after a reload, over the given storage. */
async function load(storage: Storage) {
  vi.stubGlobal('localStorage', storage);
  vi.resetModules();
  return import('./session');
}

beforeEach(() => {
  logouts = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    expect(url).toMatch(/\/api\/v1\/auth\/logout$/);
    logouts.push((init.headers as Record<string, string>).authorization ?? '');
    return new Response(null, { status: 204 });
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('switching a kiosk tablet to a person and back', () => {
  it('sets the device session aside for the person, and signing out brings the kiosk back', async () => {
    const storage = memoryStorage();
    storage.setItem('hallops.session', JSON.stringify(device));
    const s = await load(storage);
    expect(s.getSession()?.user.id).toBe('device:d1');

    s.switchFromDevice(manager);
    expect(s.getSession()?.user.id).toBe('u-manager');
    expect(s.getParkedDevice()?.user.id).toBe('device:d1');

    // A reload keeps both.
    const reloaded = await load(storage);
    expect(reloaded.getSession()?.user.id).toBe('u-manager');
    expect(reloaded.getParkedDevice()?.token).toBe('device-access');

    await reloaded.signOut();
    expect(reloaded.getSession()).toEqual(device);
    expect(reloaded.getParkedDevice()).toBeNull();
    expect(storage.getItem('hallops.parkedDevice')).toBeNull();
    // The person's session is ended on the server; the device's is not.
    expect(logouts).toEqual(['Bearer manager-access']);
  });

  it('switches only from a device session, and only to a person', async () => {
    const storage = memoryStorage();
    storage.setItem('hallops.session', JSON.stringify(manager));
    const s = await load(storage);
    expect(() => s.switchFromDevice({ ...manager, token: 'other' })).toThrow(/Only a kiosk tablet/);
    expect(s.getSession()?.token).toBe('manager-access');

    const tablet = memoryStorage();
    tablet.setItem('hallops.session', JSON.stringify(device));
    const t = await load(tablet);
    expect(() => t.switchFromDevice({ ...device, user: { ...device.user, id: 'device:d2' } })).toThrow(/to a person/);
    expect(t.getParkedDevice()).toBeNull();
  });

  it('signs a person out for good when no kiosk session is set aside, and a device out for good too', async () => {
    const storage = memoryStorage();
    storage.setItem('hallops.session', JSON.stringify(manager));
    const s = await load(storage);
    await s.signOut();
    expect(s.getSession()).toBeNull();

    const tablet = memoryStorage();
    tablet.setItem('hallops.session', JSON.stringify(device));
    const t = await load(tablet);
    await t.signOut();
    expect(t.getSession()).toBeNull();
    expect(logouts).toEqual(['Bearer manager-access', 'Bearer device-access']);
  });

  it('ignores a stored "set aside" session that is not a device', async () => {
    const storage = memoryStorage();
    storage.setItem('hallops.session', JSON.stringify(manager));
    storage.setItem('hallops.parkedDevice', JSON.stringify({ ...manager, token: 'x' }));
    const s = await load(storage);
    expect(s.getParkedDevice()).toBeNull();
    await s.signOut();
    expect(s.getSession()).toBeNull();
  });
});
