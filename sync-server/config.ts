import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { PROTOCOL_VERSION } from '../src/domain/protocol';

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();

/** Environment variables the server reads; every value has a safe default except the demo password. */
const envSchema = z.object({
  PORT: port.default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  STATIC_DIR: z.string().min(1).default('./dist'),
  DEMO_PASSWORD: z.string().min(8, 'DEMO_PASSWORD must have at least 8 characters').optional(),
  DEMO_STAFF_COUNT: positiveInt.max(5000).default(60),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HEARTBEAT_SECONDS: positiveInt.default(15),
  BODY_LIMIT_BYTES: positiveInt.default(5 * 1024 * 1024),
  // 30 days as the protocol first promised, because the client does not refresh yet;
  // lower it (e.g. to an hour) once it calls /auth/refresh on 401.
  ACCESS_TOKEN_TTL_SECONDS: positiveInt.default(30 * 24 * 60 * 60),
  REFRESH_TOKEN_TTL_SECONDS: positiveInt.default(30 * 24 * 60 * 60),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: positiveInt.default(10),
  LOGIN_MAX_ATTEMPTS_PER_ADDRESS: positiveInt.default(30),
  LOGIN_WINDOW_SECONDS: positiveInt.default(15 * 60),
  /** Clients older than this protocol version get 426 (see src/domain/protocol.ts). */
  MIN_CLIENT_VERSION: positiveInt.max(PROTOCOL_VERSION).default(PROTOCOL_VERSION),
  /** Largest photo or signature accepted by PUT /media. */
  MEDIA_LIMIT_BYTES: positiveInt.max(100 * 1024 * 1024).default(10 * 1024 * 1024),
  /** PostgreSQL instead of SQLite: postgres://user:password@host:5432/database. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  /** The PostgreSQL schema the tables live in. */
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'DATABASE_SCHEMA must be a lower-case SQL identifier')
    .default('public'),
  /** Connections per server process to PostgreSQL. */
  DATABASE_POOL_SIZE: positiveInt.max(200).default(10),
});

const SECRET_VARIABLES = ['DATABASE_URL', 'DEMO_PASSWORD'];

export interface Config {
  port: number;
  host: string;
  /** Absolute path of the folder holding the SQLite database and demo sign-ins. */
  dataDir: string;
  /** Absolute path of the built web app (Vite's dist). */
  staticDir: string;
  demoPassword?: string;
  /** Size of the seeded demo organisation (one hall and one hotline centre per ~60 staff). */
  demoStaffCount: number;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  heartbeatMs: number;
  bodyLimitBytes: number;
  accessTokenTtlMs: number;
  refreshTokenTtlMs: number;
  login: { maxFailuresPerAccount: number; maxAttemptsPerAddress: number; windowMs: number };
  minClientVersion: number;
  mediaLimitBytes: number;
  /** Set: PostgreSQL; absent: SQLite in dataDir. */
  database: { url: string; schema: string; poolSize: number } | null;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the environment; throws a ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  // Treat empty variables as unset so `PORT= npm start` falls back to the default.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    // A connection string may hold a password: never echo it.
    const shown = (key: string) => (SECRET_VARIABLES.includes(key) ? 'a value, not shown' : JSON.stringify(present[key]));
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message} (got ${shown(String(i.path[0]))})`);
    throw new ConfigError(`Invalid server configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(cwd, p));
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: abs(e.DATA_DIR),
    staticDir: abs(e.STATIC_DIR),
    demoPassword: e.DEMO_PASSWORD,
    demoStaffCount: e.DEMO_STAFF_COUNT,
    logLevel: e.LOG_LEVEL,
    heartbeatMs: e.HEARTBEAT_SECONDS * 1000,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    accessTokenTtlMs: e.ACCESS_TOKEN_TTL_SECONDS * 1000,
    refreshTokenTtlMs: e.REFRESH_TOKEN_TTL_SECONDS * 1000,
    login: {
      maxFailuresPerAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      maxAttemptsPerAddress: e.LOGIN_MAX_ATTEMPTS_PER_ADDRESS,
      windowMs: e.LOGIN_WINDOW_SECONDS * 1000,
    },
    minClientVersion: e.MIN_CLIENT_VERSION,
    mediaLimitBytes: e.MEDIA_LIMIT_BYTES,
    database: e.DATABASE_URL ? { url: e.DATABASE_URL, schema: e.DATABASE_SCHEMA, poolSize: e.DATABASE_POOL_SIZE } : null,
  };
}
