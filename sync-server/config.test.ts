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
});
