import type { MethodName, OutputOf, ParsedInputOf } from '../../shared/api/contract';
import type { SessionUser } from '../../shared/api/auth';
import type { TempArea } from './dataDir';
import type { Db } from './db/connection';
import type { AuditEntry } from './audit/log';
import type { Session, SessionStore } from './auth/sessions';
import { forbidden } from './errors';
import type { CoreJobRunner } from './tasks';
import type { PdfRenderer } from './pdf/renderer';

export interface Ctx {
  db: Db;
  now(): Date;
  /** The logged-in user, re-read from the database on every call (role or disabled flag may have changed). */
  user: SessionUser | null;
  session: Session | null;
  sessions: SessionStore;
  /** Host-side effect: start (token) or end (null) the caller's session. */
  setSessionToken(token: string | null): void;
  audit(entry: Omit<AuditEntry, 'userId' | 'userName'> & Partial<Pick<AuditEntry, 'userId' | 'userName'>>): void;
  /** Directory of the data folder (database, attachments, backups). */
  dataDir: string;
  /** This core's temp folders under `<dataDir>/tmp` (uploads): removed when the core closes. */
  temp: TempArea;
  /** The core's job runner: handlers start long jobs (imports, exports) on it and answer their status. */
  jobs: CoreJobRunner;
  /** scrypt cost (N) for new password hashes: the production cost unless a test opened the core with less. */
  passwordCost: number;
  /** The host's HTML-to-PDF service (printed forms); null when this machine has no browser to render with. */
  pdf: PdfRenderer | null;
}

/** For handlers behind a role/`user` access check: the router guarantees a user. */
export function requireUser(ctx: Ctx): SessionUser {
  if (!ctx.user) throw forbidden('请先登录');
  return ctx.user;
}

export type Handler<K extends MethodName> = (ctx: Ctx, input: ParsedInputOf<K>) => OutputOf<K> | Promise<OutputOf<K>>;
export type HandlerMap<K extends MethodName = MethodName> = { [P in K]: Handler<P> };
