import { randomBytes } from 'node:crypto';

export interface Session {
  token: string;
  userId: number;
  lastSeen: number;
  locked: boolean;
  /**
   * The user's session epoch (users.session_epoch) when the session began: a password change,
   * a reset or disabling in any process raises it, and the router ends a session left behind.
   */
  epoch: number;
}

/**
 * Sessions live in memory only: a restart logs everyone out, which is what a
 * shared office PC wants. Tokens never reach the renderer (hosts keep them in an
 * HttpOnly cookie or per window in the main process).
 */
export class SessionStore {
  private readonly byToken = new Map<string, Session>();

  /** `epoch` defaults to an account's first one, so a session made without it ends at any password change. */
  create(userId: number, now: number, epoch = 0): Session {
    const session: Session = { token: randomBytes(32).toString('base64url'), userId, lastSeen: now, locked: false, epoch };
    this.byToken.set(session.token, session);
    return session;
  }

  get(token: string | null | undefined): Session | null {
    return token ? (this.byToken.get(token) ?? null) : null;
  }

  delete(token: string): void {
    this.byToken.delete(token);
  }

  /**
   * A disabled user or a changed password ends that user's sessions in this process at once
   * (but `exceptToken`, the one that made the change); other processes end theirs by the epoch.
   */
  deleteForUser(userId: number, exceptToken?: string): void {
    for (const [token, s] of this.byToken) if (s.userId === userId && token !== exceptToken) this.byToken.delete(token);
  }
}
