import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('has defaults for everything and resolves folders against the working directory', () => {
    const c = loadConfig({}, '/srv/app');
    expect(c).toMatchObject({ port: 8787, host: '127.0.0.1', dataDir: '/srv/app/data', staticDir: '/srv/app/dist', logLevel: 'info', heartbeatMs: 15_000 });
    expect(c.bodyLimitBytes).toBe(5 * 1024 * 1024);
    expect(c.accessTokenTtlMs).toBe(30 * 24 * 3600 * 1000);
    expect(c.demoPassword).toBeUndefined();
  });

  it('reads the environment, treating empty values as unset', () => {
    const c = loadConfig({ PORT: '9000', DATA_DIR: '/var/lib/x', PORT_UNUSED: 'x', HOST: '', DEMO_PASSWORD: 'longenough' }, '/srv');
    expect(c).toMatchObject({ port: 9000, host: '127.0.0.1', dataDir: '/var/lib/x', demoPassword: 'longenough' });
  });

  it('names every bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: '70000', LOG_LEVEL: 'loud' })).toThrow(/PORT[\s\S]*LOG_LEVEL/);
    expect(() => loadConfig({ DEMO_PASSWORD: 'short' })).toThrow(/DEMO_PASSWORD/);
  });

  it('chooses PostgreSQL when DATABASE_URL is set, and never echoes it in errors', () => {
    expect(loadConfig({}).database).toBeNull();
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/x', DATABASE_SCHEMA: 'hall_ops' }).database).toEqual({ url: 'postgres://u:p@db:5432/x', schema: 'hall_ops', poolSize: 10 });
    let message = '';
    try {
      loadConfig({ DATABASE_URL: 'mysql://u:secret-pw@db/x', DATABASE_SCHEMA: 'Bad-Name' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/DATABASE_URL[\s\S]*DATABASE_SCHEMA/);
    expect(message).not.toContain('secret-pw');
  });

  it('bounds the protocol version and the media limit', () => {
    expect(loadConfig({})).toMatchObject({ minClientVersion: 1, mediaLimitBytes: 10 * 1024 * 1024 });
    expect(() => loadConfig({ MIN_CLIENT_VERSION: '99' })).toThrow(/MIN_CLIENT_VERSION/);
    expect(() => loadConfig({ MEDIA_LIMIT_BYTES: '0' })).toThrow(/MEDIA_LIMIT_BYTES/);
  });
});
