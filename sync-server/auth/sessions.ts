import { randomUUID } from 'node:crypto';
import type { SessionUser } from '../../src/domain/roles';
import type { Store, UserRecord } from '../store/store';
import { burnPasswordCheck, verifyPassword } from './password';
import { hashToken, newToken } from './tokens';

export interface SessionConfig {
  accessTokenTtlMs: number;
  refreshTokenTtlMs: number;
  /**
   * How long the refresh token a rotation replaced stays usable. A client whose
   * refresh response was lost retries with the old token; after this window a
   * replay is treated as theft and ends the session.
   */
  refreshGraceMs?: number;
}

/** What login and refresh hand to the client. Times are ISO instants. */
export interface IssuedTokens {
  token: string;
  expiresAt: string;
  refreshToken: string;
  refreshExpiresAt: string;
}

export interface Authenticated {
  sessionId: string;
  user: SessionUser;
}

export function toSessionUser(u: UserRecord): SessionUser {
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, siteIds: u.siteIds, ...(u.staffId ? { staffId: u.staffId } : {}) };
}

const DEFAULT_REFRESH_GRACE_MS = 60_000;

/** Sign-in, bearer-token checks, refresh-token rotation and sign-out. */
export class SessionService {
  constructor(
    private readonly store: Store,
    private readonly config: SessionConfig,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private issue(at: number) {
    const token = newToken();
    const refreshToken = newToken();
    const accessExpiresAt = at + this.config.accessTokenTtlMs;
    const refreshExpiresAt = at + this.config.refreshTokenTtlMs;
    return {
      tokens: {
        token,
        expiresAt: new Date(accessExpiresAt).toISOString(),
        refreshToken,
        refreshExpiresAt: new Date(refreshExpiresAt).toISOString(),
      },
      accessHash: hashToken(token),
      accessExpiresAt,
      refreshHash: hashToken(refreshToken),
      refreshExpiresAt,
    };
  }

  /** Null for an unknown user, a wrong password or a disabled account (the caller cannot tell which). */
  async login(username: string, password: string): Promise<{ tokens: IssuedTokens; user: SessionUser } | null> {
    const user = await this.store.getUserByUsername(username);
    if (!user) {
      await burnPasswordCheck(password);
      return null;
    }
    if (!(await verifyPassword(password, user.passwordHash)) || user.disabled) return null;
    return this.open(user);
  }

  /** A session for a user already proven some other way (an enrolled device's credential). Null if disabled. */
  async startSession(userId: string): Promise<{ tokens: IssuedTokens; user: SessionUser } | null> {
    const user = await this.store.getUserById(userId);
    return user && !user.disabled ? this.open(user) : null;
  }

  private async open(user: UserRecord): Promise<{ tokens: IssuedTokens; user: SessionUser }> {
    const at = this.now().getTime();
    const issued = this.issue(at);
    await this.store.insertSession({
      id: randomUUID(),
      userId: user.id,
      accessHash: issued.accessHash,
      accessExpiresAt: issued.accessExpiresAt,
      refreshHash: issued.refreshHash,
      refreshExpiresAt: issued.refreshExpiresAt,
      createdAt: at,
    });
    return { tokens: issued.tokens, user: toSessionUser(user) };
  }

  /** The session and user behind an access token, or null if it is unknown, expired, revoked or the user is disabled. */
  async authenticate(accessToken: string): Promise<Authenticated | null> {
    const session = await this.store.getSessionByAccessHash(hashToken(accessToken));
    if (!session || session.revokedAt !== null || session.accessExpiresAt <= this.now().getTime()) return null;
    const user = await this.store.getUserById(session.userId);
    if (!user || user.disabled) return null;
    return { sessionId: session.id, user: toSessionUser(user) };
  }

  /** Rotates both tokens. Null when the refresh token is unknown, expired, revoked or replayed. */
  async refresh(refreshToken: string): Promise<{ tokens: IssuedTokens; user: SessionUser } | null> {
    const presentedHash = hashToken(refreshToken);
    const session = await this.store.getSessionByRefreshHash(presentedHash);
    const at = this.now().getTime();
    if (!session || session.revokedAt !== null || session.refreshExpiresAt <= at) return null;
    if (session.matched === 'previous') {
      const grace = this.config.refreshGraceMs ?? DEFAULT_REFRESH_GRACE_MS;
      if (session.rotatedAt === null || at - session.rotatedAt > grace) {
        await this.store.revokeSession(session.id, at);
        return null;
      }
    }
    const user = await this.store.getUserById(session.userId);
    if (!user || user.disabled) return null;
    const issued = this.issue(at);
    const rotated = await this.store.rotateSession({
      id: session.id,
      presentedHash,
      accessHash: issued.accessHash,
      accessExpiresAt: issued.accessExpiresAt,
      refreshHash: issued.refreshHash,
      // Sliding: a device that syncs at least once per refresh TTL stays signed in.
      refreshExpiresAt: issued.refreshExpiresAt,
      rotatedAt: at,
    });
    return rotated ? { tokens: issued.tokens, user: toSessionUser(user) } : null;
  }

  async logout(sessionId: string): Promise<void> {
    await this.store.revokeSession(sessionId, this.now().getTime());
  }
}
