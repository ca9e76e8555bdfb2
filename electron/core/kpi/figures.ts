import { addCounts, EMPTY_COUNTS, kpiFromCounts, rate, type KpiCounts, type KpiReport, type KpiTierRow } from '../../../shared/domain/kpi';
import type { Db } from '../db/connection';
import { countKpis, listManagers } from './repo';
import type { KpiScope } from './scope';

/**
 * The KPI report for a period and a scope: one row per 客户经理 (every manager account,
 * enabled, or disabled with figures in the period), the coverage per tier and the branch.
 * The branch row is the whole branch (every bucket, visits by supervisors included) for a
 * 负责人, and the manager's own row for a 客户经理.
 */
export function kpiReport(db: Db, scope: KpiScope, from: string, to: string, today: string): KpiReport {
  const { byManager, byTier } = countKpis(db, { from, to, today });
  const managers = listManagers(db)
    .filter((m) => (scope.managerId === null ? !m.disabled || byManager.has(m.id) : m.id === scope.managerId))
    .map((m) => ({ managerId: m.id, manager: m.name, managerDisplayName: m.display_name, ...kpiFromCounts(byManager.get(m.id) ?? EMPTY_COUNTS) }));
  let branchCounts: KpiCounts = { ...EMPTY_COUNTS };
  if (scope.ownOnly) branchCounts = byManager.get(scope.managerId!) ?? EMPTY_COUNTS;
  else for (const c of byManager.values()) branchCounts = addCounts(branchCounts, c);
  const tiers: KpiTierRow[] = [...byTier.entries()]
    .map(([tier, t]) => {
      const own = scope.ownOnly ? (t.managers.get(scope.managerId!) ?? { assigned: 0, visitedCustomers: 0, visits: 0 }) : t;
      return { tier, assigned: own.assigned, visitedCustomers: own.visitedCustomers, coverage: rate(own.visitedCustomers, own.assigned), visits: own.visits };
    })
    .filter((t) => t.assigned > 0)
    .sort((a, b) => a.tier.localeCompare(b.tier, 'zh-CN'));
  return { from, to, managers, tiers, branch: kpiFromCounts(branchCounts) };
}
