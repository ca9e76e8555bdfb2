import { randomBytes } from 'node:crypto';

export interface Session {
  token: string;
  userId: number;
  lastSeen: number;
  locked: boolean;
}

/**
 * Sessions live in memory only: a restart logs everyone out, which is what a
 * shared office PC wants. Tokens never reach the renderer (hosts keep them in an
 * HttpOnly cookie or per window in the main process).
 */
export class SessionStore {
  private readonly byToken = new Map<string, Session>();

  create(userId: number, now: number): Session {
    const session: Session = { token: randomBytes(32).toString('base64url'), userId, lastSeen: now, locked: false };
    this.byToken.set(session.token, session);
    return session;
  }

  get(token: string | null | undefined): Session | null {
    return token ? (this.byToken.get(token) ?? null) : null;
  }

  delete(token: string): void {
    this.byToken.delete(token);
  }

  /** A disabled user or a reset password ends every session of that user at once. */
  deleteForUser(userId: number): void {
    for (const [token, s] of this.byToken) if (s.userId === userId) this.byToken.delete(token);
  }
}
