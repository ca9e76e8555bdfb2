import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ahp, matrixFromUpper } from '../../../../shared/domain/scoring';
import { BRANCH_TYPES } from '../../../../shared/domain/constants';
import { SCORE_PRESETS } from '../../../../shared/domain/presets';
import { call, createAndLogin, expectErr, expectOk, makeClock, openTestCore, setupAndLogin, type TestCore } from '../../helpers/core';
import { seedKpiBranch } from '../kpi/fixture';

let t: TestCore;
let zhang: { id: number; token: string };
let li: { id: number; token: string };
let boss: { id: number; token: string };

beforeEach(async () => {
  t = openTestCore(makeClock(new Date(2026, 11, 8, 9, 0)));
  const admin = await setupAndLogin(t.core, 'tobacco');
  zhang = await createAndLogin(t.core, admin, 'zhang', 'manager');
  li = await createAndLogin(t.core, admin, 'li', 'manager');
  boss = await createAndLogin(t.core, admin, 'boss', 'supervisor');
  seedKpiBranch(t.db, { zhang: zhang.id, li: li.id });
});
afterEach(() => t.close());

describe('service-quality score set-up and run', () => {
  it('every preset is consistent (CR < 0.1)', () => {
    for (const type of BRANCH_TYPES) {
      const p = SCORE_PRESETS[type];
      expect(ahp(matrixFromUpper(p.indicators.length, p.upper)).cr, type).toBeLessThan(0.1);
    }
  });

  it('score.weights names a malformed cell; an inconsistent matrix is reported with the judgments that disagree most', async () => {
    const bad = expectErr(await call(t.core, boss.token, 'score.weights', { matrix: [[1, 11], [1 / 11, 1]] }), 'BAD_INPUT');
    expect(bad.message).toContain('第 1 行第 2 列（指标1 对 指标2）须为 1–9 的标度或其倒数');
    const w = expectOk(await call(t.core, boss.token, 'score.weights', { matrix: [[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]], names: ['甲', '乙', '丙'] }));
    expect(w.consistent).toBe(false);
    expect(w.message).toMatch(/^判断矩阵一致性比率 CR = \d\.\d{3}，须小于 0.1/);
  });

  it('a supervisor saves a set-up (refused at CR ≥ 0.1), the run ranks the managers with the breakdown; a manager sees only his own row', async () => {
    const refused = expectErr(
      await call(t.core, boss.token, 'score.save', {
        name: '十一月',
        indicators: [
          { key: 'coverage', x1: 0, x2: 1 },
          { key: 'visits', x1: 0, x2: 4 },
          { key: 'overdueFollowUps', x1: 4, x2: 0 },
        ],
        upper: [[9, 1 / 9], [9]],
      }),
      'BAD_INPUT',
    );
    expect(refused.message).toContain('「覆盖率 对 走访次数」');
    expectErr(await call(t.core, zhang.token, 'score.save', { name: 'x', indicators: [{ key: 'visits', x1: 0, x2: 1 }], upper: [] }), 'FORBIDDEN');

    const saved = expectOk(
      await call(t.core, boss.token, 'score.save', {
        name: '十一月',
        indicators: [
          { key: 'visits', x1: 0, x2: 4 },
          { key: 'overdueFollowUps', x1: 4, x2: 0 },
        ],
        upper: [[3]],
      }),
    );
    expect(saved.weights).toEqual([expect.closeTo(0.75, 12), expect.closeTo(0.25, 12)]);
    const run = expectOk(await call(t.core, boss.token, 'score.run', { from: '2026-11-01', to: '2026-11-30' }));
    expect(run.setup.id).toBe(saved.id);
    // zhang: 3 visits → μ 0.75, 2 overdue → μ 0.5: 100·(0.75·0.75 + 0.5·0.25) = 68.75.
    // li: 1 visit → 0.25, 1 overdue → 0.75: 100·(0.25·0.75 + 0.75·0.25) = 37.5.
    expect(run.ranking.map((r) => [r.rank, r.manager, r.score])).toEqual([
      [1, 'zhang', expect.closeTo(68.75, 9)],
      [2, 'li', expect.closeTo(37.5, 9)],
    ]);
    expect(run.ranking[0].breakdown.map((b) => [b.key, b.value, b.membership])).toEqual([
      ['visits', 3, 0.75],
      ['overdueFollowUps', 2, 0.5],
    ]);
    const own = expectOk(await call(t.core, li.token, 'score.run', { from: '2026-11-01', to: '2026-11-30' }));
    expect(own.ranked).toBe(2);
    expect(own.ranking.map((r) => [r.rank, r.manager])).toEqual([[2, 'li']]);
  });

  it('without a saved set-up the branch type’s preset is used', async () => {
    const s = expectOk(await call(t.core, boss.token, 'score.setup', {}));
    expect(s).toMatchObject({ id: null, name: '预设方案' });
    expect(s.indicators.map((i) => i.key)).toEqual(SCORE_PRESETS.tobacco.indicators.map((i) => i.key));
  });
});
