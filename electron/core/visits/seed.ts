import type { SignatureStatus, VisitType } from '../../../shared/domain/visits';
import { addDays, dayOfWeek, durationMinutes, localDate } from '../../../shared/domain/visitRules';
import { BRANCH_PRESETS } from '../../../shared/domain/presets';
import type { Db } from '../db/connection';
import { Rng, WeightedTable } from '../seed/prng';

/** A visit for seeding and benchmarks: stored as given, without rules, plan links, follow-ups or audit rows. */
export interface SeedVisit {
  managerId: number;
  customerId: number;
  type: VisitType;
  planned: boolean;
  /** `YYYY-MM-DD HH:mm` */
  signIn: string;
  /** `YYYY-MM-DD HH:mm`, after signIn */
  signOut: string;
  location?: string | null;
  content?: string | null;
  checklist?: readonly string[];
  opinions?: string | null;
  problems?: string | null;
  signature: SignatureStatus;
  signatureNote?: string | null;
  /** `YYYY-MM-DD HH:mm:ss`; default: sign-out. */
  createdAt?: string;
}

const INSERT_SQL = `INSERT INTO visits (manager_id, customer_id, type, planned, sign_in, sign_out, duration_minutes, location, content,
  checklist, opinions, problems, signature, signature_note, created_at, created_by, updated_at, updated_by)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/**
 * Seeding and benchmark fast path: all rows in ONE transaction through one
 * prepared statement, then customers.last_visit_at set for every customer from
 * one aggregate (instead of one UPDATE per visit). Accepts any iterable, so five
 * million generated visits never sit in memory at once. Returns the number stored.
 */
export function insertVisitsBulk(
  db: Db,
  rows: Iterable<SeedVisit>,
  options: { userId?: number | null; onProgress?: (done: number) => void } = {},
): number {
  const userId = options.userId ?? null;
  let count = 0;
  db.transaction(() => {
    const insert = db.prepare(INSERT_SQL);
    for (const v of rows) {
      const created = v.createdAt ?? `${v.signOut}:00`;
      insert.run(
        v.managerId,
        v.customerId,
        v.type,
        v.planned ? 1 : 0,
        v.signIn,
        v.signOut,
        durationMinutes(v.signIn, v.signOut),
        v.location ?? null,
        v.content ?? null,
        JSON.stringify(v.checklist ?? []),
        v.opinions ?? null,
        v.problems ?? null,
        v.signature,
        v.signatureNote ?? null,
        created,
        userId,
        created,
        userId,
      );
      count++;
      if (options.onProgress && count % 100_000 === 0) options.onProgress(count);
    }
    db.exec(`
      UPDATE customers SET last_visit_at = agg.last
      FROM (SELECT customer_id, max(sign_in) AS last FROM visits WHERE deleted_at IS NULL GROUP BY customer_id) AS agg
      WHERE customers.id = agg.customer_id AND (customers.last_visit_at IS NULL OR customers.last_visit_at < agg.last)
    `);
  })();
  // Millions of rows in one transaction leave a WAL of gigabytes: every read then searches it, and
  // the next small write would pay for the checkpoint. Fold it into the database now.
  db.pragma('wal_checkpoint(TRUNCATE)');
  return count;
}

export interface GenerateVisitsOptions {
  customers: readonly { id: number; managerId: number | null; intervalDays?: number | null; address?: string | null }[];
  /** Ids of the active managers (kept for callers; each visit is made by the customer's own manager). */
  managers: readonly number[];
  seed: number;
  /** History spread over this many years before `end`. */
  years: number;
  /** Last day of the history (`YYYY-MM-DD`); default yesterday, so nothing lies in the future. */
  end?: string;
  checklist?: readonly string[];
}

const TYPES = new WeightedTable<VisitType>([
  ['常规走访', 80],
  ['回访', 8],
  ['特殊访问', 4],
  ['上门服务', 4],
  ['离网关怀', 2],
  ['投诉处理', 2],
]);
const SIGNATURES = new WeightedTable<SignatureStatus>([
  ['已签', 88],
  ['待签', 4],
  ['无法签字', 6],
  ['拒签', 2],
]);
const CANNOT_SIGN = ['店主外出，店员不便签字', '客户不在店内', '负责人出差', '客户手部受伤'];
const CONTENTS = [
  '店面正常经营，货源充足',
  '了解近期销售情况，客户经营稳定',
  '宣传新品规格及近期营销政策',
  '协助整理柜台陈列，更新价签',
  '核对库存，建议下周适量补货',
  '客户反映部分规格紧俏，已记录',
  '讲解新版订货流程',
  '回访上次反映的问题，已解决',
  '了解周边竞争情况',
  '提醒按时订货、规范经营',
];
const OPINIONS = ['希望增加紧俏规格的供应', '对配送时间较满意', '希望多组织客户交流活动', '反映价格标签更新不及时', '希望简化订货手续'];

const pad = (n: number) => String(n).padStart(2, '0');
const hm = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

/**
 * Realistic visit history, newest first, ending on `end` (yesterday): each customer
 * is visited at its own tier's rhythm, on working days, by its own 客户经理 (the one
 * it is assigned to: a demo must not show visits a manager could not have made),
 * signed in during working hours one after the other with 10–60 minutes on site.
 * The history is as long as `n` visits last at that rhythm, at most `years`: a small
 * n gives a recent, complete history (nobody hundreds of days overdue) rather than a
 * thin one spread over five years; a large n fills the years and visits more often.
 * Reproducible: the same seed gives the same history. Stops after `n` visits.
 */
export function* generateVisits(n: number, o: GenerateVisitsOptions): Generator<SeedVisit> {
  const customers = o.customers.filter((c) => c.managerId !== null);
  if (!customers.length || n <= 0) return;
  const rng = new Rng(o.seed);
  const end = o.end ?? addDays(localDate(new Date()), -1);
  const checklist = o.checklist?.length ? o.checklist : BRANCH_PRESETS.tobacco.checklist;
  const intervals = customers.map((c) => Math.max(1, c.intervalDays ?? 14));
  const sumRate = intervals.reduce((s, i) => s + 1 / i, 0);
  // Days n visits last at the tiers' own rhythm (working days only), capped by the years asked for.
  const span = Math.max(7, Math.min(Math.round(o.years * 365), Math.ceil(n / (sumRate * (5 / 7)))));
  // Mean gap of customer i = interval_i × scale; Σ span / gap_i = n. Working days only, so scale by 5/7.
  const scale = (span * sumRate * (5 / 7)) / n;
  const gaps = intervals.map((i) => Math.max(1, i * scale));

  // Day buckets, counted backwards from `end`: bucket[d] holds customers visited d days before it.
  const buckets: number[][] = Array.from({ length: span + 1 }, () => []);
  customers.forEach((_, i) => {
    const first = Math.floor(rng.next() * gaps[i]);
    if (first <= span) buckets[first].push(i);
  });

  let emitted = 0;
  for (let d = 0; d <= span && emitted < n; d++) {
    const date = addDays(end, -d);
    const list = buckets[d];
    buckets[d] = [];
    const weekday = dayOfWeek(date);
    if (weekday === 0 || weekday === 6) {
      // Weekend: these visits happen on the Friday before (the next bucket going back).
      if (d + 1 <= span) buckets[d + 1].push(...list);
      continue;
    }
    // Each manager works through the day from about 08:30, visit after visit.
    const clock = new Map<number, number>();
    for (const i of list) {
      if (emitted >= n) break;
      const c = customers[i];
      const managerId = c.managerId!;
      let start = clock.get(managerId) ?? 8 * 60 + 30 + rng.int(0, 30);
      if (start > 17 * 60 + 30) start = 8 * 60 + 30 + rng.int(0, 480);
      const onSite = rng.int(10, 60);
      clock.set(managerId, start + onSite + rng.int(5, 30));
      const signIn = `${date} ${hm(start)}`;
      const signOut = `${date} ${hm(Math.min(start + onSite, 23 * 60 + 59))}`;
      const signature = SIGNATURES.pick(rng);
      const items = checklist.filter(() => rng.chance(0.45));
      yield {
        managerId,
        customerId: c.id,
        type: TYPES.pick(rng),
        planned: rng.chance(0.75),
        signIn,
        signOut: signOut > signIn ? signOut : `${date} ${hm(start + 1)}`,
        location: c.address ?? null,
        content: rng.pick(CONTENTS),
        checklist: items.length ? items : [checklist[0]],
        opinions: rng.chance(0.12) ? rng.pick(OPINIONS) : null,
        problems: null,
        signature,
        signatureNote: signature === '无法签字' ? rng.pick(CANNOT_SIGN) : null,
        createdAt: `${signOut}:${pad(rng.int(0, 59))}`,
      };
      emitted++;
      const next = d + Math.max(1, Math.round(gaps[i] * (0.7 + rng.next() * 0.6)));
      if (next <= span) buckets[next].push(i);
    }
  }
}

export interface SeedVisitsOptions {
  seed?: number;
  /** Years of history (default 5, what DOMAIN.md says a branch keeps). */
  years?: number;
  end?: string;
  onProgress?: (done: number) => void;
}

/**
 * `seed --visits <n>` and the benchmark: n visits of the branch's live customers
 * by its active 客户经理, with the branch's own tier intervals and checklist.
 */
export function seedVisits(db: Db, n: number, o: SeedVisitsOptions = {}): { stored: number; ms: number; from: string | null; to: string | null } {
  const t0 = performance.now();
  const fallback = (db.prepare("SELECT max(visit_interval_days) AS n FROM dict_items WHERE kind = 'tier'").get() as { n: number | null }).n ?? 30;
  const customers = db
    .prepare(
      `SELECT c.id, c.manager_id AS managerId, coalesce(d.visit_interval_days, ?) AS intervalDays, c.address
       FROM customers c LEFT JOIN dict_items d ON d.kind = 'tier' AND d.name = c.tier
       WHERE c.deleted_at IS NULL AND c.manager_id IS NOT NULL`,
    )
    .all(fallback) as { id: number; managerId: number; intervalDays: number; address: string | null }[];
  const managers = (db.prepare("SELECT id FROM users WHERE role = 'manager' AND disabled = 0").all() as { id: number }[]).map((r) => r.id);
  const setting = db.prepare("SELECT value FROM settings WHERE key = 'visitChecklist'").get() as { value: string } | undefined;
  const checklist = setting ? (JSON.parse(setting.value) as string[]) : undefined;
  const stored = insertVisitsBulk(db, generateVisits(n, { customers, managers, seed: o.seed ?? 1, years: o.years ?? 5, end: o.end, checklist }), {
    onProgress: o.onProgress,
  });
  // Time order: a customer's archive was opened before its first visit (one to four weeks before), not when the seed ran.
  db.exec(`
    UPDATE customers SET created_at = date(agg.first, '-' || (7 + customers.id % 22) || ' days') || ' 09:00:00'
    FROM (SELECT customer_id, min(sign_in) AS first FROM visits WHERE deleted_at IS NULL GROUP BY customer_id) AS agg
    WHERE customers.id = agg.customer_id AND customers.created_at > agg.first
  `);
  const range = db.prepare('SELECT min(sign_in) AS first, max(sign_in) AS last FROM visits WHERE deleted_at IS NULL').get() as { first: string | null; last: string | null };
  return { stored, ms: performance.now() - t0, from: range.first?.slice(0, 10) ?? null, to: range.last?.slice(0, 10) ?? null };
}
