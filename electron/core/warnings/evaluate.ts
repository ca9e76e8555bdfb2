import { DEFAULT_WARNING_RULES, WARNING_RULES, warningRulesSchema, type WarningEvaluation, type WarningRules } from '../../../shared/domain/warnings';
import { addDays, daysBetween, localDate } from '../../../shared/domain/visitRules';
import { localTimestamp } from '../clock';
import type { Db } from '../db/connection';
import { insertFollowUp } from '../followups/repo';
import { readSetting, writeSetting } from '../settings/store';
import {
  dormantChanges,
  insertWarning,
  keyCustomersWithInterval,
  latestVolumeMonth,
  openComplaintsBefore,
  volumesAgainstPrevious,
  warningExists,
  type Candidate,
} from './repo';

const RULES_KEY = 'churnRules';
const EVALUATED_KEY = 'churnEvaluatedOn';

export function readWarningRules(db: Db): WarningRules {
  const raw = readSetting(db, RULES_KEY);
  if (!raw) return { ...DEFAULT_WARNING_RULES };
  try {
    const parsed = warningRulesSchema.safeParse({ ...DEFAULT_WARNING_RULES, ...(JSON.parse(raw) as object) });
    if (parsed.success) return parsed.data;
  } catch {
    // A damaged setting falls back to the defaults rather than stopping the warnings.
  }
  return { ...DEFAULT_WARNING_RULES };
}

export function writeWarningRules(db: Db, rules: WarningRules): void {
  writeSetting(db, RULES_KEY, JSON.stringify(rules));
}

function previousMonths(month: string): [string, string, string] {
  const [y, m] = month.split('-').map(Number);
  const at = (k: number) => {
    const d = new Date(y, m - 1 - k, 1);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
  };
  return [at(1), at(2), at(3)];
}

const round1 = (v: number) => Math.round(v * 10) / 10;

/** Every customer the rules flag today. */
export function findCandidates(db: Db, rules: WarningRules, today: string): Candidate[] {
  const out: Candidate[] = [];
  for (const c of keyCustomersWithInterval(db)) {
    const since = (c.last_visit_at ?? c.created_at).slice(0, 10);
    const days = daysBetween(since, today);
    const allowed = rules.notVisitedFactor * c.interval;
    if (days > allowed) {
      out.push({
        customerId: c.id,
        managerId: c.manager_id,
        rule: 'not_visited',
        triggerKey: c.last_visit_at ?? 'never',
        detail: c.last_visit_at
          ? `重点客户（${c.tier}，应每 ${c.interval} 天走访）已 ${days} 天未走访，上次走访 ${since}`
          : `重点客户（${c.tier}，应每 ${c.interval} 天走访）建档 ${days} 天从未走访`,
      });
    }
  }
  const month = latestVolumeMonth(db);
  if (month) {
    for (const v of volumesAgainstPrevious(db, month, previousMonths(month), rules.keyOnly)) {
      if (v.prev_avg === null || v.prev_n === 0 || v.prev_avg <= 0) continue;
      const drop = ((v.prev_avg - v.value) / v.prev_avg) * 100;
      if (drop > rules.volumeDropPercent) {
        out.push({
          customerId: v.customer_id,
          managerId: v.manager_id,
          rule: 'volume_drop',
          triggerKey: `${month}|${v.metric}`,
          detail: `${month} ${v.metric} ${round1(v.value)}，比前 ${v.prev_n} 个月平均 ${round1(v.prev_avg)} 下降 ${round1(drop)}%`,
        });
      }
    }
  }
  const cutoff = addDays(today, -rules.complaintOpenDays);
  for (const k of openComplaintsBefore(db, cutoff, rules.keyOnly)) {
    out.push({
      customerId: k.customer_id,
      managerId: k.manager_id,
      rule: 'complaint_open',
      triggerKey: `complaint:${k.id}`,
      detail: `投诉（${k.category}）自 ${k.opened_at.slice(0, 10)} 起已 ${daysBetween(k.opened_at.slice(0, 10), today)} 天未办结`,
    });
  }
  if (rules.dormant) {
    for (const d of dormantChanges(db, rules.keyOnly)) {
      out.push({ customerId: d.customer_id, managerId: d.manager_id, rule: 'dormant', triggerKey: `change:${d.change_id}`, detail: '客户状态转为休眠' });
    }
  }
  return out;
}

/**
 * Raises the warnings the rules find that are not raised yet (one open per customer and
 * rule; never twice for the same cause), each with a 必访 follow-up due today for the
 * customer's manager. One transaction.
 */
export function evaluateWarnings(db: Db, now: Date, userId: number | null): WarningEvaluation {
  const today = localDate(now);
  const at = localTimestamp(now);
  const rules = readWarningRules(db);
  const byRule = Object.fromEntries(WARNING_RULES.map((r) => [r, 0])) as WarningEvaluation['byRule'];
  let created = 0;
  db.transaction(() => {
    for (const c of findCandidates(db, rules, today)) {
      if (warningExists(db, c)) continue;
      const followUpId =
        c.managerId === null
          ? null
          : insertFollowUp(db, { customerId: c.customerId, ownerId: c.managerId, due: today, content: `必访（流失预警）：${c.detail}`, sourceType: 'manual', sourceId: null }, { at, userId });
      insertWarning(db, c, followUpId, at);
      byRule[c.rule]++;
      created++;
    }
    writeSetting(db, EVALUATED_KEY, today);
  })();
  return { created, byRule };
}

/** The rules depend on the date too (days without a visit): evaluated at the first look of each day. */
export function evaluateOncePerDay(db: Db, now: Date): void {
  if (readSetting(db, EVALUATED_KEY) === localDate(now)) return;
  evaluateWarnings(db, now, null);
}
