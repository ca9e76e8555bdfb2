import { ahp, inconsistencyMessage, matrixFromUpper, validateJudgmentMatrix, type ScoreRankRow, type ScoreSetup } from '../../../shared/domain/scoring';
import { KPI_INDICATORS } from '../../../shared/domain/kpi';
import { localDate } from '../../../shared/domain/visitRules';
import { localTimestamp } from '../clock';
import { requireUser, type HandlerMap } from '../context';
import { isScopedToOwn } from '../customers/scope';
import { badInput, notFound } from '../errors';
import { kpiReport } from '../kpi/figures';
import { currentSetup, rankManagers } from '../kpi/ranking';
import { insertSetup, listSetups, setupById } from './repo';

type ScoreMethods = 'score.weights' | 'score.setup' | 'score.setups' | 'score.save' | 'score.run';

const indicatorNames = (keys: readonly string[]) => keys.map((k) => KPI_INDICATORS[k as keyof typeof KPI_INDICATORS]?.label ?? k);

/** Weights and consistency of a matrix, refused with every malformed cell named. */
function weighMatrix(matrix: number[][], names: readonly string[]) {
  const problems = validateJudgmentMatrix(matrix, names);
  if (problems.length) throw badInput(problems.join('；'), 'matrix');
  const r = ahp(matrix);
  return { ...r, message: r.consistent ? null : inconsistencyMessage(r, names) };
}

export const scoreHandlers: HandlerMap<ScoreMethods> = {
  'score.weights': (_ctx, input) => {
    const names = input.names ?? input.matrix.map((_, i) => `指标${i + 1}`);
    return weighMatrix(input.matrix, names);
  },

  'score.setup': (ctx) => currentSetup(ctx.db),

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
      setup = currentSetup(ctx.db);
    }
    // Everyone is ranked among everyone; a 客户经理 is then shown only their own row.
    const report = kpiReport(ctx.db, { managerId: null, ownOnly: false }, input.from, input.to, localDate(ctx.now()));
    let ranking: ScoreRankRow[] = rankManagers(ctx.db, report, setup).rows;
    const ranked = ranking.length;
    if (isScopedToOwn(user)) ranking = ranking.filter((r) => r.managerId === user.id);
    return { from: input.from, to: input.to, setup, ranked, ranking };
  },
};
