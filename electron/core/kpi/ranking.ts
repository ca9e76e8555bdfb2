import type { KpiReport } from '../../../shared/domain/kpi';
import { SCORE_PRESETS } from '../../../shared/domain/presets';
import { ahp, matrixFromUpper, serviceScore, type ScoreRankRow, type ScoreSetup } from '../../../shared/domain/scoring';
import type { Db } from '../db/connection';
import { latestSetup } from '../score/repo';
import { readSettings } from '../settings/store';

/** The set-up in force: the newest saved, else the branch type's preset. */
export function currentSetup(db: Db): ScoreSetup {
  const saved = latestSetup(db);
  if (saved) return saved;
  const preset = SCORE_PRESETS[readSettings(db).branchType];
  const matrix = matrixFromUpper(preset.indicators.length, preset.upper);
  const r = ahp(matrix);
  return { id: null, name: '预设方案', indicators: preset.indicators, matrix, weights: r.weights, lambdaMax: r.lambdaMax, ci: r.ci, cr: r.cr, createdAt: null, createdBy: null };
}

/** Every manager of the report scored with the set-up, best first; equal scores share a rank. */
export function rankManagers(db: Db, report: KpiReport, setup: ScoreSetup = currentSetup(db)): { setup: ScoreSetup; rows: ScoreRankRow[] } {
  const rows = report.managers.map((m) => {
    const { score, breakdown } = serviceScore(setup.indicators, setup.weights, m as unknown as Record<string, number | null>);
    return { managerId: m.managerId, manager: m.manager, managerDisplayName: m.managerDisplayName, score, breakdown };
  });
  rows.sort((a, b) => b.score - a.score || a.managerDisplayName.localeCompare(b.managerDisplayName, 'zh-CN'));
  const ranked: ScoreRankRow[] = rows.map((r, i) => ({ rank: i + 1, ...r }));
  for (let i = 1; i < ranked.length; i++) if (Math.abs(ranked[i].score - ranked[i - 1].score) < 1e-9) ranked[i].rank = ranked[i - 1].rank;
  return { setup, rows: ranked };
}
