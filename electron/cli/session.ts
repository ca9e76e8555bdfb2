import path from 'node:path';
import type { InputOf, MethodName, OutputOf } from '../../shared/api/contract';
import type { SessionInfo } from '../../shared/api/auth';
import { openCore, type Core } from '../core/app';
import { passwordCostFromEnv } from '../core/auth/password';
import { systemPdfRenderer } from '../core/pdf/chromium';
import { apiError } from './errors';

/**
 * The CLI's handle on the core: the same router the UI goes through, with one
 * session. Nothing here reaches into handlers directly, so roles, data scope
 * and input validation apply to a script exactly as they do to a person.
 */
export class CliSession {
  private token: string | null = null;
  info: SessionInfo | null = null;

  private constructor(readonly core: Core) {}

  /** Opens (creating and migrating if needed) the database file named by --db. */
  static open(dbFile: string): CliSession {
    const dbPath = path.resolve(dbFile);
    return new CliSession(openCore({ dataDir: path.dirname(dbPath), dbPath, host: 'cli', passwordCost: passwordCostFromEnv(), pdf: systemPdfRenderer() }));
  }

  async call<K extends MethodName>(method: K, input: InputOf<K>): Promise<OutputOf<K>> {
    const outcome = await this.core.router.invoke(this.token, method, input);
    if (outcome.sessionToken !== undefined) this.token = outcome.sessionToken;
    if (!outcome.result.ok) throw apiError(outcome.result.error);
    return outcome.result.value as OutputOf<K>;
  }

  async login(name: string, password: string): Promise<SessionInfo> {
    this.info = await this.call('auth.login', { name, password });
    return this.info;
  }

  /** Logs out (so the audit log shows where the CLI session ended) and closes the database. */
  async close(): Promise<void> {
    try {
      if (this.token) await this.call('auth.logout', {});
    } catch {
      // The database is closing anyway; a failed logout record must not hide the command's own result.
    } finally {
      this.core.close();
    }
  }
}
