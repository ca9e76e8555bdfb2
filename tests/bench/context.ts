import type { Core } from '../../electron/core/app';
import type { InputOf, MethodName, OutputOf } from '../../shared/api/contract';
import type { SessionUser } from '../../shared/api/auth';
import type { BenchResult } from './stats';

/** What a bench case gets: the seeded database behind the real router, and ways to log in and reopen it. */
export interface BenchContext {
  core: Core;
  dataDir: string;
  dbPath: string;
  /** How many customers were seeded (cases scale their samples and iteration counts to it). */
  customers: number;
  /** --scale: fraction of the full file sizes (Excel suite) for quick checks; 1 = the figures. */
  scale: number;
  /** Print EXPLAIN QUERY PLAN of the queries a case runs (to stderr). */
  explain: boolean;
  log(message: string): void;
  /** Logs in through auth.login and returns the session token and user. */
  login(name: string, password: string): Promise<{ token: string; user: SessionUser }>;
  /** router.invoke that throws on `{ ok: false }`: a failing call must not pass as a fast one. */
  call<K extends MethodName>(token: string, method: K, input: InputOf<K>): Promise<OutputOf<K>>;
}

/** A group of measurements (customers now; visits, imports later), each producing one or more results. */
export interface BenchSuite {
  /** What --only names it by. */
  id: string;
  name: string;
  run(ctx: BenchContext): Promise<BenchResult[]>;
}
