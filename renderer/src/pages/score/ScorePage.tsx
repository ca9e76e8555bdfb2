import { useEffect, useMemo, useState } from 'react';
import { KPI_INDICATOR_KEYS, KPI_INDICATORS, type KpiIndicator } from '../../../../shared/domain/kpi';
import { ahp, formatJudgment, inconsistencyMessage, matrixFromUpper, SAATY_VALUES, validateJudgmentMatrix, type ScoreRun } from '../../../../shared/domain/scoring';
import { localDate } from '../../../../shared/domain/visitRules';
import { errorMessage, invoke } from '../../api/client';
import { FormError, FormNotice } from '../../components/FormError';
import { useSession } from '../../session';
import '../../components/forms.css';
import '../../components/pages.css';
import './score.css';
import { DateInput } from '../../components/DateField';

interface Row {
  key: KpiIndicator;
  x1: string;
  x2: string;
}

const isRate = (k: KpiIndicator) => KPI_INDICATORS[k].unit === '%';
/** Rates are typed as percentages on screen and stored as fractions. */
const toStored = (k: KpiIndicator, v: string) => (isRate(k) ? Number(v) / 100 : Number(v));
const toShown = (k: KpiIndicator, v: number) => String(isRate(k) ? Math.round(v * 10000) / 100 : v);
const SCALE = [...SAATY_VALUES].sort((a, b) => b - a);
const label = (k: KpiIndicator) => KPI_INDICATORS[k].label;

/**
 * 服务质量评分: the supervisor picks indicators and their laggard/advanced points, types the
 * upper triangle of the AHP judgment matrix and sees weights, λmax, CI and CR as they type;
 * an inconsistent matrix (CR ≥ 0.1) cannot be saved. Below, the ranking of a period.
 */
export function ScorePage() {
  const { session } = useSession();
  const canEdit = session.user.role !== 'manager';
  const [rows, setRows] = useState<Row[]>([]);
  const [upper, setUpper] = useState<number[][]>([]);
  const [name, setName] = useState('');
  const [run, setRun] = useState<ScoreRun | null>(null);
  const today = localDate(new Date());
  const [range, setRange] = useState({ from: `${today.slice(0, 7)}-01`, to: today });
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');

  useEffect(() => {
    void (async () => {
      try {
        const s = await invoke('score.setup', {});
        setRows(s.indicators.map((i) => ({ key: i.key as KpiIndicator, x1: toShown(i.key as KpiIndicator, i.x1), x2: toShown(i.key as KpiIndicator, i.x2) })));
        setUpper(s.matrix.slice(0, -1).map((r, i) => r.slice(i + 1)));
        setName(s.id === null ? '' : s.name);
      } catch (e) {
        setError(errorMessage(e));
      }
    })();
  }, []);
  useEffect(() => {
    void (async () => {
      try {
        setRun(await invoke('score.run', range));
      } catch (e) {
        setError(errorMessage(e));
      }
    })();
  }, [range, notice]);

  const names = rows.map((r) => label(r.key));
  const check = useMemo(() => {
    if (!rows.length) return null;
    const m = matrixFromUpper(rows.length, upper);
    const problems = validateJudgmentMatrix(m, names);
    if (problems.length) return { problems, result: null };
    return { problems, result: ahp(m) };
  }, [rows, upper, names]);

  const setCount = (keys: KpiIndicator[]) => {
    // Keeps the judgments between indicators that stay; new pairs start at 1 (equally important).
    const old = rows.map((r) => r.key);
    const oldM = matrixFromUpper(old.length, upper);
    const next = keys.map((k) => rows.find((r) => r.key === k) ?? { key: k, x1: KPI_INDICATORS[k].higherIsBetter ? '0' : '10', x2: KPI_INDICATORS[k].higherIsBetter ? (isRate(k) ? '100' : '10') : '0' });
    setRows(next);
    setUpper(
      keys.slice(0, -1).map((a, i) =>
        keys.slice(i + 1).map((b) => {
          const ia = old.indexOf(a);
          const ib = old.indexOf(b);
          return ia >= 0 && ib >= 0 ? oldM[ia][ib] : 1;
        }),
      ),
    );
  };

  const save = async () => {
    setError(null);
    setNotice('');
    try {
      const s = await invoke('score.save', {
        name: name.trim() || '评分方案',
        indicators: rows.map((r) => ({ key: r.key, x1: toStored(r.key, r.x1), x2: toStored(r.key, r.x2) })),
        upper,
      });
      setNotice(`已保存评分方案「${s.name}」，CR = ${s.cr.toFixed(3)}`);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const r = check?.result;
  return (
    <div className="vx-page sc-page">
      <div className="vx-head">
        <h1>服务质量评分</h1>
      </div>
      <FormNotice kind="success">{notice}</FormNotice>
      <FormError message={error} />
      {canEdit && (
        <section className="vx-panel sc-setup" aria-label="评分方案">
          <h2 className="vx-panel-title">评分方案</h2>
          <div className="sc-body">
            <fieldset className="sc-pick">
              <legend>指标</legend>
              {KPI_INDICATOR_KEYS.map((k) => (
                <label key={k}>
                  <input
                    type="checkbox"
                    checked={rows.some((x) => x.key === k)}
                    onChange={(e) => setCount(e.target.checked ? [...rows.map((x) => x.key), k] : rows.map((x) => x.key).filter((x) => x !== k))}
                  />
                  {label(k)}
                </label>
              ))}
            </fieldset>
            <table className="vx-table sc-points" aria-label="落后值与先进值">
              <thead>
                <tr>
                  <th>指标</th>
                  <th>落后值 x1（得 0）</th>
                  <th>先进值 x2（得 1）</th>
                  <th className="num">权重</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row, i) => (
                  <tr key={row.key}>
                    <td>
                      {label(row.key)}（{KPI_INDICATORS[row.key].unit}）
                    </td>
                    {(['x1', 'x2'] as const).map((p) => (
                      <td key={p}>
                        <input
                          className="input"
                          inputMode="decimal"
                          aria-label={`${label(row.key)} ${p === 'x1' ? '落后值' : '先进值'}`}
                          value={row[p]}
                          onChange={(e) => setRows((rs) => rs.map((x, j) => (j === i ? { ...x, [p]: e.target.value } : x)))}
                        />
                      </td>
                    ))}
                    <td className="num" data-testid="weight">
                      {r ? r.weights[i].toFixed(3) : '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h3>判断矩阵（行对列的重要程度，1–9 标度，填上三角）</h3>
            <table className="vx-table sc-matrix" aria-label="判断矩阵">
              <thead>
                <tr>
                  <th />
                  {names.map((n) => (
                    <th key={n}>{n}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row, i) => (
                  <tr key={row.key}>
                    <th>{names[i]}</th>
                    {rows.map((_, j) =>
                      j > i ? (
                        <td key={j}>
                          <select
                            className="input"
                            aria-label={`${names[i]} 对 ${names[j]}`}
                            value={String(upper[i][j - i - 1])}
                            onChange={(e) => setUpper((u) => u.map((ur, a) => (a === i ? ur.map((v, b) => (b === j - i - 1 ? Number(e.target.value) : v)) : ur)))}
                          >
                            {SCALE.map((v) => (
                              <option key={v} value={String(v)}>
                                {formatJudgment(v)}
                              </option>
                            ))}
                          </select>
                        </td>
                      ) : (
                        <td key={j} className="muted">
                          {i === j ? '1' : formatJudgment(1 / upper[j][i - j - 1])}
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
            {check && (
              <p className="sc-consistency" data-testid="consistency">
                {r
                  ? `λmax = ${r.lambdaMax.toFixed(4)}，CI = ${r.ci.toFixed(4)}，CR = ${r.cr.toFixed(4)}，${r.consistent ? '通过一致性检验' : '未通过一致性检验'}`
                  : check.problems.join('；')}
              </p>
            )}
            {r && !r.consistent && <FormError message={inconsistencyMessage(r, names)} />}
            <div className="vx-actions">
              <label>
                方案名称 <input className="input" value={name} maxLength={40} aria-label="方案名称" onChange={(e) => setName(e.target.value)} />
              </label>
              <button type="button" className="btn primary" disabled={!r?.consistent} onClick={() => void save()}>
                保存方案
              </button>
            </div>
          </div>
        </section>
      )}
      <section className="vx-panel" aria-label="评分排名">
        <h2 className="vx-panel-title">
          排名
          <span className="spacer" />
          <DateInput aria-label="开始日期" value={range.from} onlyValid onChange={(from) => from && setRange((x) => ({ ...x, from }))} />
          <span>至</span>
          <DateInput aria-label="结束日期" value={range.to} onlyValid onChange={(to) => to && setRange((x) => ({ ...x, to }))} />
        </h2>
        {run && (
          <table className="vx-table" aria-label="评分排名">
            <thead>
              <tr>
                <th className="num">名次</th>
                <th>客户经理</th>
                <th className="num">得分</th>
                {run.setup.indicators.map((i) => (
                  <th key={i.key} className="num">
                    {label(i.key as KpiIndicator)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {run.ranking.map((x) => (
                <tr key={x.managerId} data-testid="rank-row">
                  <td className="num">{x.rank}</td>
                  <td>{x.managerDisplayName}</td>
                  <td className="num">{x.score.toFixed(1)}</td>
                  {x.breakdown.map((b) => (
                    <td key={b.key} className="num" title={`指标值 ${b.value ?? '—'}，隶属度 ${b.membership.toFixed(2)}，权重 ${b.weight.toFixed(3)}`}>
                      {b.points.toFixed(1)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {run && <p className="muted sc-note">方案：{run.setup.name}（CR = {run.setup.cr.toFixed(3)}）；各指标列为该指标得分 100·μ·Q，鼠标停留可看指标值、隶属度和权重。</p>}
      </section>
    </div>
  );
}
