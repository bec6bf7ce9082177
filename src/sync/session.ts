import { useSyncExternalStore } from 'react';
import { sessionUserSchema, type SessionUser } from '../domain/roles';
import { newId } from '../domain/ids';
import { isDeviceUser } from '../domain/protocol';
import { api, ApiError, type TokenSource } from './api';
import { syncStatus } from './status';

/**
 * The signed-in session, kept in localStorage so the app opens signed in with
 * no network: a token that keeps working offline and is checked by the server
 * at the next sync, renewed with the refresh token before it expires.
 */
export interface Session {
  token: string;
  user: SessionUser;
  /** When the access token expires (server time, ISO). */
  expiresAt?: string;
  refreshToken?: string;
  refreshExpiresAt?: string;
}

/** What `POST /auth/login` and `POST /auth/refresh` answer. */
export interface TokenAnswer {
  token: string;
  expiresAt: string;
  refreshToken: string;
  refreshExpiresAt: string;
  user: unknown;
}

const SESSION_KEY = 'hallops.session';
const DEVICE_KEY = 'hallops.deviceId';
/** A kiosk tablet's own session, set aside while an administrator or the site's manager uses the tablet. */
const PARKED_KEY = 'hallops.parkedDevice';

type Listener = () => void;
const listeners = new Set<Listener>();
let current: Session | null = load();
let parked: Session | null = loadParked();

function parseSession(raw: string | null): Session | null {
  try {
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Record<string, unknown>;
    const user = sessionUserSchema.safeParse(parsed.user);
    if (typeof parsed.token !== 'string' || !user.success) return null;
    const text = (key: string) => (typeof parsed[key] === 'string' ? (parsed[key] as string) : undefined);
    return {
      token: parsed.token,
      user: user.data,
      expiresAt: text('expiresAt'),
      refreshToken: text('refreshToken'),
      refreshExpiresAt: text('refreshExpiresAt'),
    };
  } catch {
    return null;
  }
}

function load(): Session | null {
  return typeof localStorage === 'undefined' ? null : parseSession(localStorage.getItem(SESSION_KEY));
}

function loadParked(): Session | null {
  if (typeof localStorage === 'undefined') return null;
  const session = parseSession(localStorage.getItem(PARKED_KEY));
  return session && isDeviceUser(session.user) ? session : null;
}

function setParked(next: Session | null) {
  parked = next;
  if (next) localStorage.setItem(PARKED_KEY, JSON.stringify(next));
  else localStorage.removeItem(PARKED_KEY);
}

function notify() {
  listeners.forEach((l) => l());
}

function set(next: Session | null) {
  current = next;
  if (next) localStorage.setItem(SESSION_KEY, JSON.stringify(next));
  else localStorage.removeItem(SESSION_KEY);
  notify();
}

function sameUser(a: SessionUser, b: SessionUser): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Takes renewed tokens. The session object is updated in place when only the
 * tokens changed, so screens holding it read the new token and nothing
 * re-mounts (a renewal is no reason to reopen the database); a changed user
 * (role, sites) is a new session.
 */
function adopt(next: Session) {
  if (current && current.user.id === next.user.id && sameUser(current.user, next.user)) {
    Object.assign(current, next);
    localStorage.setItem(SESSION_KEY, JSON.stringify(current));
  } else {
    set(next);
  }
}

// Another tab signed in, out, or renewed the tokens.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key === PARKED_KEY || e.key === null) {
      parked = loadParked();
      if (e.key === PARKED_KEY) return notify();
    }
    if (e.key !== SESSION_KEY && e.key !== null) return;
    const next = load();
    if (next && current && next.user.id === current.user.id && sameUser(next.user, current.user)) Object.assign(current, next);
    else {
      current = next;
      notify();
    }
  });
}

export function getSession(): Session | null {
  return current;
}

export function useSession(): Session | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
    // The prerendered sign-in page (src/app/prerender.tsx) is signed out.
    () => null,
  );
}

/** The kiosk session set aside on this tablet while a person uses it (see `switchFromDevice`), if any. */
export function getParkedDevice(): Session | null {
  return parked;
}

export function useParkedDevice(): Session | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => parked,
  );
}

/** This browser's stable device id: every document records the device it was written on. */
export function deviceId(): string {
  let id = localStorage.getItem(DEVICE_KEY);
  if (!id) {
    id = newId();
    localStorage.setItem(DEVICE_KEY, id);
  }
  return id;
}

export function sessionFromAnswer(res: TokenAnswer): Session {
  return {
    token: res.token,
    user: sessionUserSchema.parse(res.user),
    expiresAt: res.expiresAt,
    refreshToken: res.refreshToken,
    refreshExpiresAt: res.refreshExpiresAt,
  };
}

/** Signs in; signing in again as the same user (after "sign in again") keeps the local database and resumes sync. */
export async function signIn(username: string, password: string): Promise<Session> {
  const res = await api<TokenAnswer>('/auth/login', { body: { username, password } });
  const session = sessionFromAnswer(res);
  set(session);
  syncStatus.setSignInRequired(false);
  return session;
}

/**
 * Signs this tablet in as an enrolled kiosk device with the one-time
 * credential an administrator issued (`POST /auth/device`): the session user is
 * the device (`device:<id>`, role guide, one site).
 */
export async function signInDevice(credential: string): Promise<Session> {
  const res = await api<TokenAnswer>('/auth/device', { body: { credential } });
  const session = sessionFromAnswer(res);
  set(session);
  syncStatus.setSignInRequired(false);
  return session;
}

/**
 * Leaves kiosk mode in place: the tablet continues as the person who passed the
 * exit check (`next`, already signed in on the server), and the device's own
 * session is set aside, not ended, so the tablet returns to kiosk mode when
 * that person signs out. The screens switch databases (src/app/DataProvider.tsx).
 */
export function switchFromDevice(next: Session): void {
  if (!current || !isDeviceUser(current.user)) throw new Error('Only a kiosk tablet switches to a person this way.');
  if (isDeviceUser(next.user)) throw new Error('A kiosk tablet switches to a person, not to another device.');
  setParked(current);
  set(next);
  syncStatus.setSignInRequired(false);
}

/**
 * Forgets the session locally (and ends it on the server); the caller checks
 * for unsynced changes first. On a kiosk tablet a person signed in through the
 * exit check signs out back into kiosk mode: the tablet stays a kiosk until an
 * administrator revokes the device.
 */
export async function signOut(): Promise<void> {
  const session = current;
  const device = session && !isDeviceUser(session.user) ? parked : null;
  setParked(null);
  set(device);
  syncStatus.setSignInRequired(false);
  if (session) await api('/auth/logout', { token: session.token, method: 'POST' }).catch(() => undefined);
}

// ---------------------------------------------------------------- token renewal

/** Where a token source reads and keeps its credentials. */
export interface CredentialStore {
  read(): Pick<Session, 'token' | 'expiresAt' | 'refreshToken'> | null;
  write(answer: TokenAnswer): void;
}

export interface TokenSourceOptions {
  baseUrl?: string;
  /** Renew this long before the access token expires (default one minute). */
  earlyMs?: number;
  /** The device's clock offset (device minus server, ms), to judge expiry in server time. */
  clockOffsetMs?: () => number;
  /** The server refused to renew: the user must sign in again (local data stays). */
  onRefused?: () => void;
  /** Runs a renewal exclusively (across tabs), so a refresh token is spent once. */
  exclusive?: <T>(work: () => Promise<T>) => Promise<T>;
}

export type RenewResult = 'renewed' | 'refused' | 'unavailable';

export interface RenewingTokenSource extends TokenSource {
  /** Renews now unless the token in use is no longer `expected` (someone renewed it already). */
  renew(expected?: string): Promise<RenewResult>;
}

/**
 * Access tokens renewed with the refresh token: before they expire, and after
 * a 401. One renewal at a time; a refused renewal is remembered so the server
 * is not asked again with the same refresh token.
 */
export function createTokenSource(store: CredentialStore, opts: TokenSourceOptions = {}): RenewingTokenSource {
  const earlyMs = opts.earlyMs ?? 60_000;
  const exclusive = opts.exclusive ?? ((work) => work());
  let inflight: Promise<RenewResult> | null = null;
  let refusedRefreshToken: string | null = null;

  const doRenew = async (expected?: string): Promise<RenewResult> => {
    const creds = store.read();
    if (!creds) return 'refused';
    if (expected !== undefined && creds.token !== expected) return 'renewed';
    if (!creds.refreshToken || creds.refreshToken === refusedRefreshToken) return 'refused';
    try {
      const answer = await api<TokenAnswer>('/auth/refresh', { body: { refreshToken: creds.refreshToken }, baseUrl: opts.baseUrl });
      store.write(answer);
      return 'renewed';
    } catch (err) {
      if (err instanceof ApiError && (err.status === 401 || err.status === 403)) {
        refusedRefreshToken = creds.refreshToken;
        opts.onRefused?.();
        return 'refused';
      }
      return 'unavailable';
    }
  };

  const renew = (expected?: string): Promise<RenewResult> => {
    inflight ??= exclusive(() => doRenew(expected)).finally(() => {
      inflight = null;
    });
    return inflight;
  };

  const expiresSoon = (expiresAt: string | undefined) => {
    if (!expiresAt) return false;
    const serverNow = Date.now() - (opts.clockOffsetMs?.() ?? 0);
    return Date.parse(expiresAt) - earlyMs <= serverNow;
  };

  return {
    renew,
    async token() {
      const creds = store.read();
      if (!creds) return null;
      if (creds.refreshToken && creds.refreshToken !== refusedRefreshToken && expiresSoon(creds.expiresAt)) await renew(creds.token);
      return store.read()?.token ?? null;
    },
    async refresh(refused) {
      return (await renew(refused)) === 'renewed';
    },
  };
}

/** Renewals take a Web Lock so two tabs never spend the same refresh token. */
function acrossTabs<T>(work: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? locks.request('hallops-token-renewal', work) : work();
}

/** The signed-in session's tokens (localStorage, shared by the tabs). */
export const sessionAuth: RenewingTokenSource = createTokenSource(
  {
    // Read afresh each time: another tab may have renewed the tokens.
    read: () => load(),
    write: (answer) => adopt(sessionFromAnswer(answer)),
  },
  {
    clockOffsetMs: () => syncStatus.get().clockOffsetMs ?? 0,
    onRefused: () => syncStatus.setSignInRequired(true),
    exclusive: acrossTabs,
  },
);
