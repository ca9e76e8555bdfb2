import {
  ahp,
  inconsistencyMessage,
  matrixFromUpper,
  serviceScore,
  validateJudgmentMatrix,
  type ScoreRankRow,
  type ScoreSetup,
} from '../../../shared/domain/scoring';
import { KPI_INDICATORS } from '../../../shared/domain/kpi';
import { SCORE_PRESETS } from '../../../shared/domain/presets';
import { localDate } from '../../../shared/domain/visitRules';
import { localTimestamp } from '../clock';
import { requireUser, type Ctx, type HandlerMap } from '../context';
import { isScopedToOwn } from '../customers/scope';
import { badInput, notFound } from '../errors';
import { kpiReport } from '../kpi/figures';
import { readSettings } from '../settings/store';
import { insertSetup, latestSetup, listSetups, setupById } from './repo';

type ScoreMethods = 'score.weights' | 'score.setup' | 'score.setups' | 'score.save' | 'score.run';

const indicatorNames = (keys: readonly string[]) => keys.map((k) => KPI_INDICATORS[k as keyof typeof KPI_INDICATORS]?.label ?? k);

/** Weights and consistency of a matrix, refused with every malformed cell named. */
function weighMatrix(matrix: number[][], names: readonly string[]) {
  const problems = validateJudgmentMatrix(matrix, names);
  if (problems.length) throw badInput(problems.join('；'), 'matrix');
  const r = ahp(matrix);
  return { ...r, message: r.consistent ? null : inconsistencyMessage(r, names) };
}

/** The set-up in force: the newest saved, else the branch type's preset. */
export function currentSetup(ctx: Ctx): ScoreSetup {
  const saved = latestSetup(ctx.db);
  if (saved) return saved;
  const preset = SCORE_PRESETS[readSettings(ctx.db).branchType];
  const matrix = matrixFromUpper(preset.indicators.length, preset.upper);
  const r = ahp(matrix);
  return { id: null, name: '预设方案', indicators: preset.indicators, matrix, weights: r.weights, lambdaMax: r.lambdaMax, ci: r.ci, cr: r.cr, createdAt: null, createdBy: null };
}

export const scoreHandlers: HandlerMap<ScoreMethods> = {
  'score.weights': (_ctx, input) => {
    const names = input.names ?? input.matrix.map((_, i) => `指标${i + 1}`);
    return weighMatrix(input.matrix, names);
  },

  'score.setup': (ctx) => currentSetup(ctx),

  'score.setups': (ctx) => listSetups(ctx.db),

  'score.save': (ctx, input) => {
    const user = requireUser(ctx);
    const n = input.indicators.length;
    const names = indicatorNames(input.indicators.map((i) => i.key));
    if (input.upper.length !== Math.max(0, n - 1) || input.upper.some((row, i) => row.length !== n - 1 - i)) {
      throw badInput(`判断矩阵的上三角须有 ${n - 1} 行，第 i 行 ${n} − i 个值`, 'upper');
    }
    const matrix = matrixFromUpper(n, input.upper);
    const r = weighMatrix(matrix, names);
    if (!r.consistent) throw badInput(r.message!, 'upper');
    const id = ctx.db.transaction(() => {
      const newId = insertSetup(
        ctx.db,
        { name: input.name, indicators: input.indicators, matrix, weights: r.weights, lambdaMax: r.lambdaMax, ci: r.ci, cr: r.cr },
        { at: localTimestamp(ctx.now()), userId: user.id },
      );
      ctx.audit({ action: 'score_setup', target: input.name, detail: { id: newId, indicators: input.indicators.map((i) => i.key), cr: r.cr } });
      return newId;
    })();
    return setupById(ctx.db, id)!;
  },

  'score.run': (ctx, input) => {
    const user = requireUser(ctx);
    let setup: ScoreSetup;
    if (input.setupId !== undefined) {
      const s = setupById(ctx.db, input.setupId);
      if (!s) throw notFound(`评分方案不存在（ID ${input.setupId}）`);
      setup = s;
    } else {
      setup = currentSetup(ctx);
    }
    // Everyone is ranked among everyone; a 客户经理 is then shown only their own row.
    const report = kpiReport(ctx.db, { managerId: null, ownOnly: false }, input.from, input.to, localDate(ctx.now()));
    const rows = report.managers.map((m) => {
      const { score, breakdown } = serviceScore(setup.indicators, setup.weights, m as unknown as Record<string, number | null>);
      return { managerId: m.managerId, manager: m.manager, managerDisplayName: m.managerDisplayName, score, breakdown };
    });
    rows.sort((a, b) => b.score - a.score || a.managerDisplayName.localeCompare(b.managerDisplayName, 'zh-CN'));
    let ranking: ScoreRankRow[] = rows.map((r, i) => ({ rank: i + 1, ...r }));
    // Equal scores share a rank.
    for (let i = 1; i < ranking.length; i++) if (Math.abs(ranking[i].score - ranking[i - 1].score) < 1e-9) ranking[i].rank = ranking[i - 1].rank;
    const ranked = ranking.length;
    if (isScopedToOwn(user)) ranking = ranking.filter((r) => r.managerId === user.id);
    return { from: input.from, to: input.to, setup, ranked, ranking };
  },
};
