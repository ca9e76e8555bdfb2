import { describe, expect, it } from 'vitest';
import {
  ahp,
  inconsistencyMessage,
  matrixFromUpper,
  membership,
  RANDOM_INDEX,
  serviceScore,
  validateJudgmentMatrix,
} from '../../../../shared/domain/scoring';

/*
 * Expected values were computed independently of this code, with numpy's general
 * eigen-solver (numpy.linalg.eig: the largest real eigenvalue and its eigenvector
 * normalised to sum 1), not by power iteration:
 *
 *   A = [[1,3,5],[1/3,1,3],[1/5,1/3,1]]  → w = 0.6370 0.2583 0.1047, λmax = 3.0385, CI = 0.0193, CR = 0.0332
 *   B = [[1,1/3,1/2],[3,1,3],[2,1/3,1]]  → w = 0.1571 0.5936 0.2493, λmax = 3.0536, CI = 0.0268, CR = 0.0462
 *   C (6×6 below)                         → w = 0.3208 0.1395 0.0348 0.12849 0.2374 0.1391, λmax = 7.4199, CR = 0.229;
 *                                           the judgment furthest from w_i/w_j is row 1, column 3 (a_13 = 3, implied ≈ 9.2, factor 3.075)
 *
 * A is the classic three-criterion example of Saaty's eigenvector method (Saaty, The
 * Analytic Hierarchy Process, McGraw-Hill 1980, and most AHP textbooks after it: weights
 * ≈ 0.637/0.258/0.105, CR ≈ 0.033). B and C were chosen for this test (B consistent
 * enough, C with CR far above 0.1); their figures are numpy's, above.
 */
const A = [
  [1, 3, 5],
  [1 / 3, 1, 3],
  [1 / 5, 1 / 3, 1],
];
const B = [
  [1, 1 / 3, 1 / 2],
  [3, 1, 3],
  [2, 1 / 3, 1],
];
const C = [
  [1, 4, 3, 1, 3, 4],
  [1 / 4, 1, 7, 3, 1 / 5, 1],
  [1 / 3, 1 / 7, 1, 1 / 5, 1 / 5, 1 / 6],
  [1, 1 / 3, 5, 1, 1, 1 / 3],
  [1 / 3, 5, 5, 1, 1, 3],
  [1 / 4, 1, 6, 3, 1 / 3, 1],
];
const round3 = (xs: number[]) => xs.map((x) => Math.round(x * 1000) / 1000);

describe('AHP weights and consistency', () => {
  it('the 3×3 worked example: weights, λmax, CI, CR', () => {
    const r = ahp(A);
    expect(round3(r.weights)).toEqual([0.637, 0.258, 0.105]);
    expect(r.lambdaMax).toBeCloseTo(3.0385, 3);
    expect(r.ci).toBeCloseTo(0.0193, 3);
    expect(r.cr).toBeCloseTo(0.0332, 3);
    expect(r.consistent).toBe(true);
    expect(r.weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
  });

  it("Saaty's (1990) example B", () => {
    const r = ahp(B);
    expect(round3(r.weights)).toEqual([0.157, 0.594, 0.249]);
    expect(r.lambdaMax).toBeCloseTo(3.0536, 3);
    expect(r.cr).toBeCloseTo(0.0462, 3);
    expect(r.consistent).toBe(true);
  });

  it('an inconsistent 6×6 matrix: CR ≥ 0.1 is not consistent and the worst judgments are named', () => {
    expect(validateJudgmentMatrix(C)).toEqual([]);
    const r = ahp(C);
    expect(round3(r.weights)).toEqual([0.321, 0.14, 0.035, 0.128, 0.237, 0.139]);
    expect(r.lambdaMax).toBeCloseTo(7.4199, 3);
    expect(r.cr).toBeCloseTo(0.229, 3);
    expect(r.consistent).toBe(false);
    // The disagreement factor is max(a/(wi/wj), (wi/wj)/a), largest first.
    const worst = r.disagreements[0];
    expect([worst.i, worst.j]).toEqual([0, 2]);
    for (const d of r.disagreements) expect(d.factor).toBeLessThanOrEqual(worst.factor);
    const implied = r.weights[worst.i] / r.weights[worst.j];
    expect(worst.factor).toBeCloseTo(3.0753, 3);
    expect(worst.factor).toBeCloseTo(Math.max(C[worst.i][worst.j] / implied, implied / C[worst.i][worst.j]), 9);
    const names = ['计划完成率', '覆盖率', '在户时间', '签字率', '档案完整率', '逾期跟进'];
    const msg = inconsistencyMessage(r, names);
    expect(msg).toContain('CR = 0.229');
    expect(msg).toContain(`「${names[worst.i]} 对 ${names[worst.j]}」`);
  });

  it('a perfectly consistent matrix has λmax = n and CR = 0', () => {
    const w = [8, 4, 2, 1];
    const m = w.map((a) => w.map((b) => a / b));
    const r = ahp(m);
    expect(r.lambdaMax).toBeCloseTo(4, 9);
    expect(r.cr).toBeCloseTo(0, 9);
    expect(r.weights.map((x) => x * 15)).toEqual(w.map((x) => expect.closeTo(x, 9)));
  });

  it('n ≤ 2 is always consistent', () => {
    expect(ahp([[1]])).toMatchObject({ weights: [1], cr: 0, consistent: true });
    const r = ahp([
      [1, 9],
      [1 / 9, 1],
    ]);
    expect(r.weights[0]).toBeCloseTo(0.9, 12);
    expect(r).toMatchObject({ cr: 0, ci: 0, consistent: true });
  });

  it("Saaty's random index as the issue gives it", () => {
    expect(RANDOM_INDEX).toEqual([0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59]);
  });
});

describe('judgment matrix validation (Chinese messages naming the cell)', () => {
  const names = ['覆盖率', '签字率', '在户时间'];
  it('accepts a well-formed matrix and builds it from the upper triangle', () => {
    const m = matrixFromUpper(3, [[3, 5], [3]]);
    expect(m).toEqual(A.map((row) => row.map((v) => expect.closeTo(v, 12))));
    expect(validateJudgmentMatrix(m, names)).toEqual([]);
  });
  it('refuses a value off the Saaty scale, a bad diagonal, a broken reciprocal, zero and a ragged row', () => {
    expect(validateJudgmentMatrix([[1, 10, 1], [1 / 10, 1, 1], [1, 1, 1]], names)).toEqual([
      '第 1 行第 2 列（覆盖率 对 签字率）须为 1–9 的标度或其倒数（如 3 或 1/3），当前为 10',
      '第 2 行第 1 列（签字率 对 覆盖率）须为 1–9 的标度或其倒数（如 3 或 1/3），当前为 1/10',
    ]);
    expect(validateJudgmentMatrix([[2, 1], [1, 1]])).toEqual(['第 1 行第 1 列（指标1 对 指标1）在对角线上，须为 1（当前为 2）']);
    expect(validateJudgmentMatrix([[1, 3], [3, 1]], ['甲', '乙'])).toEqual(['第 2 行第 1 列（乙 对 甲）须为第 1 行第 2 列（甲 对 乙）的倒数 1/3（当前为 3）']);
    expect(validateJudgmentMatrix([[1, 0], [1, 1]], ['甲', '乙'])[0]).toBe('第 1 行第 2 列（甲 对 乙）须为正数（当前为「0」）');
    expect(validateJudgmentMatrix([[1, 2], [1 / 2]])).toEqual(['判断矩阵须为 2×2 的方阵：第 2 行有 1 个值']);
    expect(validateJudgmentMatrix([])).toEqual(['判断矩阵不能为空']);
    expect(validateJudgmentMatrix(Array.from({ length: 16 }, () => Array(16).fill(1)))).toEqual(['判断矩阵最多 15 阶（当前为 16 阶）']);
  });
});

describe('fuzzy membership', () => {
  it('higher is better: 0 at the laggard point, 1 at the advanced point, linear between, clipped both ways', () => {
    expect(membership(0.5, 0.5, 0.9)).toBe(0);
    expect(membership(0.9, 0.5, 0.9)).toBe(1);
    expect(membership(0.7, 0.5, 0.9)).toBeCloseTo(0.5, 12);
    expect(membership(0.2, 0.5, 0.9)).toBe(0);
    expect(membership(1, 0.5, 0.9)).toBe(1);
  });
  it('lower is better (x1 > x2): falls as x rises, clipped both ways', () => {
    expect(membership(10, 10, 0)).toBe(0);
    expect(membership(0, 10, 0)).toBe(1);
    expect(membership(2.5, 10, 0)).toBeCloseTo(0.75, 12);
    expect(membership(14, 10, 0)).toBe(0);
    expect(membership(-1, 10, 0)).toBe(1);
  });
  it('a missing value counts as 0; equal points are refused', () => {
    expect(membership(null, 0, 1)).toBe(0);
    expect(() => membership(1, 2, 2)).toThrow('落后值与先进值不能相同');
  });
});

describe('service score P = 100 · Σ μ·Q', () => {
  it('adds each indicator’s points', () => {
    const { score, breakdown } = serviceScore(
      [
        { key: 'coverage', x1: 0.5, x2: 1 },
        { key: 'overdueFollowUps', x1: 10, x2: 0 },
      ],
      [0.75, 0.25],
      { coverage: 0.8, overdueFollowUps: 4 },
    );
    // μ = 0.6 and 0.6 → 100 · (0.6·0.75 + 0.6·0.25) = 60
    expect(breakdown.map((b) => [b.membership, b.points])).toEqual([
      [expect.closeTo(0.6, 12), expect.closeTo(45, 9)],
      [expect.closeTo(0.6, 12), expect.closeTo(15, 9)],
    ]);
    expect(score).toBeCloseTo(60, 9);
  });
});
