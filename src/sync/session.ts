import { useSyncExternalStore } from 'react';
import { sessionUserSchema, type SessionUser } from '../domain/roles';
import { newId } from '../domain/ids';
import { api } from './api';

/**
 * The signed-in session, kept in localStorage so the app opens signed in with
 * no network: a token that keeps working offline and is checked by the server
 * at the next sync.
 */
export interface Session {
  token: string;
  user: SessionUser;
}

const SESSION_KEY = 'hallops.session';
const DEVICE_KEY = 'hallops.deviceId';

type Listener = () => void;
const listeners = new Set<Listener>();
let current: Session | null = load();

function load(): Session | null {
  try {
    const raw = localStorage.getItem(SESSION_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as { token?: unknown; user?: unknown };
    const user = sessionUserSchema.safeParse(parsed.user);
    if (typeof parsed.token !== 'string' || !user.success) return null;
    return { token: parsed.token, user: user.data };
  } catch {
    return null;
  }
}

function set(next: Session | null) {
  current = next;
  if (next) localStorage.setItem(SESSION_KEY, JSON.stringify(next));
  else localStorage.removeItem(SESSION_KEY);
  listeners.forEach((l) => l());
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

export async function signIn(username: string, password: string): Promise<Session> {
  const res = await api<{ token: string; user: unknown }>('/auth/login', { body: { username, password } });
  const session = { token: res.token, user: sessionUserSchema.parse(res.user) };
  set(session);
  return session;
}

/** Forgets the session locally; the caller checks for unsynced changes first. */
export async function signOut(): Promise<void> {
  const session = current;
  set(null);
  if (session) await api('/auth/logout', { token: session.token, method: 'POST' }).catch(() => undefined);
}
