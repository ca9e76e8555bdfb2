import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type MethodName } from '../../../shared/api/contract';
import type { Result } from '../../../shared/api/result';
import type { JobStatus } from '../../../shared/domain/jobs';
import { Rng } from '../../../electron/core/seed/prng';
import { ADMIN_NAME, ADMIN_PASSWORD, callRaw, createUser, expectOk, insertCustomer, makeClock, openTestCore, setupAndLogin, type TestCore } from '../helpers/core';
import { contractWords, edgeValue, mutate, plausible, randomJson } from '../helpers/schemas';

/**
 * Issue 15, "Done means": every API method called with random and edge inputs, as an
 * administrator and as a 客户经理, on a small seeded database. No call may answer INTERNAL or
 * an English message, and a refused call (ok: false) may not change what is stored.
 *
 * Inputs per call come from a seeded PRNG (the same seed, the same run): random JSON, edge
 * values (null, huge numbers, negative ids, long strings, deep nesting, unknown keys, a
 * prototype key) and inputs built from the method's zod schema with one thing wrong.
 * BRANCHDESK_FUZZ_ITERATIONS (default 8) sets the calls per method and role; BRANCHDESK_FUZZ_SEED the seed.
 */

const ITERATIONS = Number(process.env.BRANCHDESK_FUZZ_ITERATIONS ?? 8);
const SEED = Number(process.env.BRANCHDESK_FUZZ_SEED ?? 15);
const PASSWORD = 'Fuzz#2024pw';

/**
 * Legitimate writes of a refused call, left out of the "nothing stored" check: the audit log
 * records failed logins and refused exports (that is its job), and a wrong password counts
 * against the account (failed_attempts, locked_until). Sessions live in memory, not in a table.
 */
const UNCHECKED_TABLES = new Set(['audit_log']);
const UNCHECKED_COLUMNS: Record<string, readonly string[]> = { users: ['failed_attempts', 'locked_until'] };

/**
 * ASCII words a Chinese message may contain: file types and formats the user sees on their
 * files, date patterns, the product's name. Beyond these, a message may echo the contract's
 * own field names and enum values (README: they are the CLI's contract), the seeded login
 * names, and words from the call's own input.
 */
const ALLOWED_WORDS = new Set(['xlsx', 'csv', 'CSV', 'Excel', 'WPS', 'PDF', 'JPEG', 'WEBP', 'base', 'YYYY', 'JSON', 'LibreOffice', 'BranchDesk', 'true', 'false', 'null']);

let t: TestCore;
const CONTRACT_WORDS = new Set<string>();
for (const def of Object.values(api)) {
  for (const w of contractWords(def.input)) for (const part of [w, ...(w.match(/[A-Za-z]+/g) ?? [])]) CONTRACT_WORDS.add(part);
}

interface Actor {
  role: 'admin' | 'manager';
  name: string;
  id: number;
  token: string;
}
const actors: Actor[] = [];
/** The fuzz users' rows as seeded: a call that demotes, disables or locks one is undone before the next. */
const seededUsers = new Map<number, Record<string, unknown>>();
const loginNames = new Set<string>();

beforeAll(async () => {
  t = openTestCore(makeClock(new Date(2024, 5, 5, 18, 0)), { inline: true });
  const adminToken = await setupAndLogin(t.core, 'tobacco');
  for (const [name, role] of [
    ['zhang', 'manager'],
    ['li', 'manager'],
    ['boss', 'supervisor'],
  ] as const) {
    await createUser(t.core, adminToken, name, role, PASSWORD);
    loginNames.add(name);
  }
  loginNames.add(ADMIN_NAME);
  // Accounts made by an administrator must change their password first; the fuzz is about what comes after.
  t.db.prepare('UPDATE users SET must_change_password = 0').run();
  const userId = (name: string) => (t.db.prepare('SELECT id FROM users WHERE name = ?').get(name) as { id: number }).id;
  const zhang = userId('zhang');
  const li = userId('li');
  for (let i = 0; i < 12; i++) {
    insertCustomer(t.db, { code: `C${String(i + 1).padStart(6, '0')}`, name: `测试客户${i + 1}`, tier: 'A', managerId: i % 3 === 0 ? li : i % 3 === 1 ? zhang : null });
  }
  // A few records of each kind, so ids 1…n point at something.
  const zt = await tokenFor('zhang');
  expectOk(await callRaw(t.core, zt, 'visits.create', { customer: 'C000002', signIn: '2024-06-05T09:30', signOut: '2024-06-05T10:00', nextFollowUp: { due: '2024-06-10', content: '回访' } }));
  expectOk(await callRaw(t.core, zt, 'complaints.create', { customerId: 2, category: '价格', content: '价签不清' }));
  expectOk(await callRaw(t.core, zt, 'receipts.create', { customerId: 2, items: [{ name: '海报', quantity: 2 }] }));
  expectOk(await callRaw(t.core, zt, 'plans.add', { customerId: 5, date: '2024-06-07' }));
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('x')]).toString('base64');
  expectOk(await callRaw(t.core, zt, 'attachments.add', { visitId: 1, name: 'a.png', dataBase64: png }));
  for (const name of ['zhang', 'li', 'boss', ADMIN_NAME]) {
    const row = t.db.prepare('SELECT * FROM users WHERE name = ?').get(name) as Record<string, unknown>;
    seededUsers.set(row.id as number, row);
  }
  actors.push({ role: 'admin', name: ADMIN_NAME, id: userId(ADMIN_NAME), token: adminToken });
  actors.push({ role: 'manager', name: 'zhang', id: zhang, token: zt });
}, 60_000);

afterAll(() => t?.close());

async function tokenFor(name: string): Promise<string> {
  const outcome = await t.core.router.invoke(null, 'auth.login', { name, password: name === ADMIN_NAME ? ADMIN_PASSWORD : PASSWORD });
  if (!outcome.result.ok) throw new Error(`fuzz harness: ${name} cannot log in: ${outcome.result.error.message}`);
  return outcome.sessionToken as string;
}

/** Puts the fuzz users back as seeded (role, password, lock…): true if anything had changed. */
function restoreUsers(): boolean {
  let changed = false;
  for (const [id, row] of seededUsers) {
    const now = t.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as Record<string, unknown>;
    if (JSON.stringify(now) === JSON.stringify(row)) continue;
    const cols = Object.keys(row).filter((c) => c !== 'id');
    t.db.prepare(`UPDATE users SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(...cols.map((c) => row[c]), id);
    changed = true;
  }
  return changed;
}

/** The session still usable (a call may have logged it out, locked it, or ended it by a password change). */
async function ensureSession(actor: Actor): Promise<void> {
  const s = t.core.sessions.get(actor.token);
  if (s && !s.locked) return;
  actor.token = await tokenFor(actor.name);
}

/** A digest of every stored row, table by table (the unchecked parts left out). */
function checksum(): Map<string, string> {
  const tables = t.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  const out = new Map<string, string>();
  for (const { name } of tables) {
    if (UNCHECKED_TABLES.has(name)) continue;
    const skip = UNCHECKED_COLUMNS[name] ?? [];
    const rows = t.db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[];
    const h = createHash('sha1');
    for (const r of rows) {
      for (const c of skip) delete r[c];
      h.update(JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : Buffer.isBuffer(v) ? v.toString('hex') : v)));
    }
    out.set(name, `${rows.length}:${h.digest('hex')}`);
  }
  return out;
}

function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...new Set([...before.keys(), ...after.keys()])].filter((k) => before.get(k) !== after.get(k));
}

/** An input for the report (a 5,000-deep one does not fit JSON.stringify's stack). */
function show(input: unknown): string {
  try {
    return (JSON.stringify(input) ?? String(input)).slice(0, 300);
  } catch {
    return '(nested too deep to show)';
  }
}

/** Every key and text of an input, keys with undefined values included (JSON.stringify drops those). */
function inputText(input: unknown, depth = 0): string {
  if (input === null || typeof input !== 'object' || depth > 50) return String(input);
  return Object.entries(input).map(([k, v]) => `${k} ${inputText(v, depth + 1)}`).join(' ');
}

/** ASCII words of 4+ letters in a message that are neither allowed, the contract's, nor the caller's own. */
function englishIn(message: string, input: unknown): string[] {
  const echo = inputText(input);
  // A command-line option a message points to (--blank-pages) is a name to type, not English prose.
  return (message.replace(/--[a-z][a-z-]*/g, '').match(/[A-Za-z]{4,}/g) ?? []).filter((w) => !ALLOWED_WORDS.has(w) && !CONTRACT_WORDS.has(w) && !loginNames.has(w) && !echo.includes(w));
}

/** The inputs one method gets: fixed edge shapes first, then the seeded mix. */
function inputsFor(method: MethodName, rng: Rng): unknown[] {
  const schema = api[method].input;
  let deep: unknown = {};
  for (let i = 0; i < 5000; i++) deep = { id: deep };
  const fixed: unknown[] = [undefined, null, {}, [], 'x', 0, { zz: 1 }, { id: -1 }, { id: 2 ** 53 }, deep, { key: 'x', value: deep }];
  const generated = Array.from({ length: ITERATIONS }, (_, i) => {
    switch (i % 5) {
      case 0:
        return randomJson(rng);
      case 1:
        return rng.chance(0.5) ? edgeValue(rng) : mutate(plausible(schema, rng), rng);
      case 2:
        return plausible(schema, rng);
      default:
        return mutate(plausible(schema, rng), rng);
    }
  });
  return [...fixed, ...generated];
}

interface Problem {
  method: string;
  role: string;
  input: string;
  problem: string;
}

/** A job the call started runs to its end before the next call (its writes belong to this call). */
async function settleJob(result: Result<unknown>, actor: Actor, problems: Problem[], method: string, input: unknown): Promise<void> {
  if (!result.ok) return;
  const status = result.value as Partial<JobStatus> | null;
  if (!status || typeof status !== 'object' || typeof status.jobId !== 'string' || status.state !== 'running') return;
  const done = await t.core.jobs.wait(status.jobId, { id: actor.id, role: actor.role });
  if (done.error?.code === 'INTERNAL') problems.push({ method, role: actor.role, input: show(input), problem: `job INTERNAL: ${done.error.message}` });
  const english = done.error ? englishIn(done.error.message, input) : [];
  if (english.length) problems.push({ method, role: actor.role, input: show(input), problem: `job English ${english.join(',')}: ${done.error!.message}` });
}

describe('fuzz: every API method, random and edge inputs, as admin and as a 客户经理', () => {
  it(
    'never answers INTERNAL or English, and a refused call stores nothing',
    async () => {
      const rng = new Rng(SEED);
      const problems: Problem[] = [];
      let calls = 0;
      let refused = 0;
      let sums: Map<string, string> | null = null;
      const methods = Object.keys(api) as MethodName[];
      for (const method of methods) {
        for (const actor of actors) {
          for (const input of inputsFor(method, rng)) {
            if (restoreUsers()) sums = null;
            await ensureSession(actor);
            sums ??= checksum();
            const result = await callRaw(t.core, actor.token, method, input);
            calls++;
            const shown = show(input);
            if (!result.ok) {
              refused++;
              const { code, message, fields } = result.error;
              if (code === 'INTERNAL') problems.push({ method, role: actor.role, input: shown, problem: `INTERNAL: ${message}` });
              for (const m of [message, ...(fields ?? []).map((f) => f.message)]) {
                const english = englishIn(m, input);
                if (english.length) problems.push({ method, role: actor.role, input: shown, problem: `English ${english.join(',')}: ${m}` });
                if (!/[\u4e00-\u9fff]/.test(m)) problems.push({ method, role: actor.role, input: shown, problem: `no Chinese: ${m}` });
              }
              const after = checksum();
              const changed = changedTables(sums, after);
              if (changed.length) problems.push({ method, role: actor.role, input: shown, problem: `refused (${code}) but changed ${changed.join(', ')}` });
              sums = after;
            } else {
              await settleJob(result, actor, problems, method, input);
              sums = null;
            }
          }
        }
      }
      expect(problems, `${problems.length} problems in ${calls} calls`).toEqual([]);
      // The inputs are mostly wrong: a run that accepted everything did not test much.
      expect(refused).toBeGreaterThan(calls / 2);
    },
    120_000,
  );
});
