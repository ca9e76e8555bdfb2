import { z } from 'zod';
import { KPI_INDICATOR_KEYS } from './kpi';
import { isValidDate } from './visitRules';

/**
 * The service-quality score (客户经理服务质量评分, DOMAIN.md): fuzzy membership of each
 * indicator between a laggard and an advanced point, weights from the analytic
 * hierarchy process (AHP), P = 100 · Σ μ_i Q_i. Pure functions: the core, the CLI,
 * the screens and the printed report all compute with these.
 */

/**
 * Saaty's random consistency index (Saaty 1980) for n = 1…10 as DOMAIN.md gives it, and
 * 1.51, 1.48, 1.56, 1.57, 1.59 for n = 11…15 (the values). Index 0 is n = 1.
 */
export const RANDOM_INDEX = [0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59] as const;
export const MAX_INDICATORS = RANDOM_INDEX.length;
/** A judgment matrix is acceptable below this consistency ratio. */
export const CR_LIMIT = 0.1;

/** Saaty's 1–9 scale and the reciprocals: the only judgments a supervisor may type. */
export const SAATY_VALUES: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap((v) => (v === 1 ? [1] : [v, 1 / v]));

/**
 * μ = (x − x1)/(x2 − x1) clipped to [0, 1]: x1 is the laggard point (→ 0), x2 the advanced
 * point (→ 1). x1 > x2 means "lower is better" (e.g. overdue follow-ups); the same formula
 * then falls as x rises. A missing value (a rate whose denominator was 0) counts as 0:
 * a manager gets no credit for an indicator with nothing behind it.
 */
export function membership(x: number | null, x1: number, x2: number): number {
  if (x === null || !Number.isFinite(x)) return 0;
  if (x1 === x2) throw new Error('落后值与先进值不能相同');
  const mu = (x - x1) / (x2 - x1);
  return Math.min(1, Math.max(0, mu));
}

/** A Saaty value as people write it: 3, 1/3 (rounded to 3 decimals for messages). */
export function formatJudgment(v: number): string {
  if (v >= 1 - 1e-9) return String(Math.round(v * 1000) / 1000);
  const inv = 1 / v;
  if (Math.abs(inv - Math.round(inv)) < 1e-6) return `1/${Math.round(inv)}`;
  return String(Math.round(v * 1000) / 1000);
}

const isSaaty = (v: number) => SAATY_VALUES.some((s) => Math.abs(s - v) <= 1e-6 * Math.max(1, s));
const cell = (names: readonly string[], i: number, j: number) => `第 ${i + 1} 行第 ${j + 1} 列（${names[i]} 对 ${names[j]}）`;

/**
 * Checks a judgment matrix: square n×n with 1 ≤ n ≤ 15, every value a positive Saaty
 * judgment (1–9 or a reciprocal), 1 on the diagonal, a_ji = 1/a_ij. Returns one Chinese
 * message per problem, naming the cell; empty when the matrix is well formed.
 * `names` labels the rows (indicator names); default 指标1, 指标2 ….
 */
export function validateJudgmentMatrix(matrix: readonly (readonly number[])[], names?: readonly string[]): string[] {
  const n = matrix.length;
  if (n < 1) return ['判断矩阵不能为空'];
  if (n > MAX_INDICATORS) return [`判断矩阵最多 ${MAX_INDICATORS} 阶（当前为 ${n} 阶）`];
  const label = names ?? matrix.map((_, i) => `指标${i + 1}`);
  const problems: string[] = [];
  for (let i = 0; i < n; i++) {
    if (!Array.isArray(matrix[i]) || matrix[i].length !== n) {
      problems.push(`判断矩阵须为 ${n}×${n} 的方阵：第 ${i + 1} 行有 ${Array.isArray(matrix[i]) ? matrix[i].length : 0} 个值`);
    }
  }
  if (problems.length) return problems;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = matrix[i][j];
      if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
        problems.push(`${cell(label, i, j)}须为正数（当前为「${String(v)}」）`);
        continue;
      }
      if (i === j) {
        if (Math.abs(v - 1) > 1e-9) problems.push(`${cell(label, i, j)}在对角线上，须为 1（当前为 ${formatJudgment(v)}）`);
        continue;
      }
      if (!isSaaty(v)) problems.push(`${cell(label, i, j)}须为 1–9 的标度或其倒数（如 3 或 1/3），当前为 ${formatJudgment(v)}`);
      if (j > i) {
        const w = matrix[j][i];
        if (typeof w === 'number' && w > 0 && Math.abs(v * w - 1) > 1e-6) {
          problems.push(`${cell(label, j, i)}须为${cell(label, i, j)}的倒数 ${formatJudgment(1 / v)}（当前为 ${formatJudgment(w)}）`);
        }
      }
    }
  }
  return problems;
}

/** The full matrix from its upper triangle (row i holds a_i,i+1 … a_i,n−1), the way the screen asks for it. */
export function matrixFromUpper(n: number, upper: readonly (readonly number[])[]): number[][] {
  const m: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let i = 0; i < n - 1; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = upper[i]?.[j - i - 1];
      m[i][j] = v;
      m[j][i] = 1 / v;
    }
  }
  return m;
}

export interface Disagreement {
  /** 0-based row and column of the judgment (i < j). */
  i: number;
  j: number;
  /** What was typed. */
  given: number;
  /** What the weights imply: w_i / w_j. */
  implied: number;
  /** max(a/(w_i/w_j), (w_i/w_j)/a) ≥ 1: how many times the judgment is off. */
  factor: number;
}

export interface AhpResult {
  weights: number[];
  lambdaMax: number;
  ci: number;
  cr: number;
  consistent: boolean;
  /** The upper-triangle judgments ordered from the one that disagrees most with the weights. */
  disagreements: Disagreement[];
}

/**
 * Weights = the principal eigenvector of a positive reciprocal matrix, normalised to sum 1,
 * found by power iteration (Perron–Frobenius: it converges for a positive matrix) until no
 * weight moves by more than 1e-12; λmax = mean of (A·w)_i / w_i; CI = (λmax − n)/(n − 1);
 * CR = CI/RI (0 for n ≤ 2, which is always consistent). The matrix must pass
 * validateJudgmentMatrix first.
 */
export function ahp(matrix: readonly (readonly number[])[]): AhpResult {
  const n = matrix.length;
  if (n === 0) throw new Error('判断矩阵不能为空');
  let w = Array.from({ length: n }, () => 1 / n);
  for (let iter = 0; iter < 10_000; iter++) {
    const next = matrix.map((row) => row.reduce((s, a, j) => s + a * w[j], 0));
    const sum = next.reduce((s, v) => s + v, 0);
    for (let i = 0; i < n; i++) next[i] /= sum;
    const moved = Math.max(...next.map((v, i) => Math.abs(v - w[i])));
    w = next;
    if (moved < 1e-12) break;
  }
  const aw = matrix.map((row) => row.reduce((s, a, j) => s + a * w[j], 0));
  const lambdaMax = n === 1 ? 1 : aw.reduce((s, v, i) => s + v / w[i], 0) / n;
  const ci = n <= 2 ? 0 : (lambdaMax - n) / (n - 1);
  const ri = RANDOM_INDEX[n - 1] ?? RANDOM_INDEX[RANDOM_INDEX.length - 1];
  const cr = n <= 2 || ri === 0 ? 0 : ci / ri;
  const disagreements: Disagreement[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const implied = w[i] / w[j];
      const given = matrix[i][j];
      disagreements.push({ i, j, given, implied, factor: Math.max(given / implied, implied / given) });
    }
  }
  disagreements.sort((a, b) => b.factor - a.factor || a.i - b.i || a.j - b.j);
  return { weights: w, lambdaMax, ci, cr, consistent: n <= 2 || cr < CR_LIMIT, disagreements };
}

/**
 * The refusal of an inconsistent matrix, naming the (up to three) judgments that disagree
 * most with the weights they produce, and what the weights would suggest instead.
 */
export function inconsistencyMessage(result: AhpResult, names: readonly string[], top = 3): string {
  const worst = result.disagreements.slice(0, top).map((d) => {
    const suggest = nearestSaaty(d.implied);
    return `「${names[d.i]} 对 ${names[d.j]}」填的是 ${formatJudgment(d.given)}，与其他判断推出的约 ${formatJudgment(suggest)} 相差最大`;
  });
  return `判断矩阵一致性比率 CR = ${result.cr.toFixed(3)}，须小于 ${CR_LIMIT}，请修改判断后重试：${worst.join('；')}`;
}

/** The Saaty judgment closest (on a log scale) to a ratio. */
export function nearestSaaty(ratio: number): number {
  let best = 1;
  for (const s of SAATY_VALUES) if (Math.abs(Math.log(s) - Math.log(ratio)) < Math.abs(Math.log(best) - Math.log(ratio))) best = s;
  return best;
}

export interface ScoreIndicator {
  key: string;
  x1: number;
  x2: number;
}

export interface ScoreBreakdown {
  key: string;
  value: number | null;
  membership: number;
  weight: number;
  /** 100 · μ · Q: this indicator's share of the score. */
  points: number;
}

/** P = 100 · Σ μ_i Q_i with the breakdown per indicator. */
export function serviceScore(
  indicators: readonly ScoreIndicator[],
  weights: readonly number[],
  values: Readonly<Record<string, number | null>>,
): { score: number; breakdown: ScoreBreakdown[] } {
  if (indicators.length !== weights.length) throw new Error('指标个数与权重个数不一致');
  const breakdown = indicators.map((ind, i) => {
    const value = values[ind.key] ?? null;
    const mu = membership(value, ind.x1, ind.x2);
    return { key: ind.key, value, membership: mu, weight: weights[i], points: 100 * mu * weights[i] };
  });
  return { score: breakdown.reduce((s, b) => s + b.points, 0), breakdown };
}

const finite = (label: string) => z.number({ error: `${label}须为数字` }).refine(Number.isFinite, `${label}须为有限的数字`);

export const scoreIndicatorSchema = z
  .object({ key: z.enum(KPI_INDICATOR_KEYS, { error: '指标须从指标列表中选择' }), x1: finite('落后值'), x2: finite('先进值') })
  .strict()
  .refine((i) => i.x1 !== i.x2, { message: '落后值与先进值不能相同', path: ['x2'] });

/** A judgment matrix as typed: full n×n (the CLI) — checked by validateJudgmentMatrix in the handler, naming the cell. */
export const scoreWeightsSchema = z
  .object({
    matrix: z.array(z.array(z.number({ error: '判断矩阵的每个值须为数字' })).max(MAX_INDICATORS)).min(1, '判断矩阵不能为空').max(MAX_INDICATORS),
    names: z.array(z.string().max(40)).max(MAX_INDICATORS).optional(),
  })
  .strict();

/** A set-up as the screen sends it: the indicators and the upper triangle of their judgment matrix. */
export const scoreSetupSaveSchema = z
  .object({
    name: z.string().trim().min(1, '名称不能为空').max(40),
    indicators: z.array(scoreIndicatorSchema).min(1, '至少选择一个指标').max(MAX_INDICATORS),
    upper: z.array(z.array(z.number({ error: '判断值须为数字' }))),
  })
  .strict()
  .refine((s) => new Set(s.indicators.map((i) => i.key)).size === s.indicators.length, { message: '同一指标不能选两次', path: ['indicators'] });

export const scoreRunSchema = z
  .object({ from: z.string(), to: z.string(), setupId: z.number().int().positive().optional() })
  .strict()
  .refine((q) => isValidDate(q.from) && isValidDate(q.to), { message: '日期须为有效日期，格式 YYYY-MM-DD', path: ['from'] })
  .refine((q) => q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['to'] });

export interface ScoreWeights {
  weights: number[];
  lambdaMax: number;
  ci: number;
  cr: number;
  consistent: boolean;
  disagreements: Disagreement[];
  /** The refusal naming the judgments, when not consistent. */
  message: string | null;
}

export interface ScoreSetup {
  /** null: the branch type's preset, nothing saved yet. */
  id: number | null;
  name: string;
  indicators: ScoreIndicator[];
  matrix: number[][];
  weights: number[];
  lambdaMax: number;
  ci: number;
  cr: number;
  createdAt: string | null;
  createdBy: string | null;
}

export interface ScoreRankRow {
  rank: number;
  managerId: number;
  manager: string;
  managerDisplayName: string;
  score: number;
  breakdown: ScoreBreakdown[];
}

export interface ScoreRun {
  from: string;
  to: string;
  setup: ScoreSetup;
  /** How many managers were ranked (a 客户经理 sees only their own row, with its rank among them). */
  ranked: number;
  ranking: ScoreRankRow[];
}
