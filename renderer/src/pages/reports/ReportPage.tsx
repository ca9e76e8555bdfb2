import { useCallback, useEffect, useState } from 'react';
import type { MonthlyReport } from '../../../../shared/domain/monthlyReport';
import { errorMessage, invoke } from '../../api/client';
import { Field } from '../../components/Field';
import { FormError, FormNotice } from '../../components/FormError';
import { useSession } from '../../session';
import '../../components/forms.css';
import '../../components/pages.css';
import './reports.css';

const pct = (v: number | null) => (v === null ? '—' : `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)}%`);
const rate = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const TEXTS = [
  ['problems', '问题及原因'],
  ['measures', '对策措施'],
  ['opinions', '客户意见'],
  ['forecast', '次月预测'],
] as const;
type TextKey = (typeof TEXTS)[number][0];

/** One 客户月度销售情况分析报告: the drafted figures, the manager's text, the review and every version. */
export function ReportPage({ id }: { id: number }) {
  const { session } = useSession();
  const [r, setR] = useState<MonthlyReport | null>(null);
  const [text, setText] = useState<Record<TextKey, string>>({ problems: '', measures: '', opinions: '', forecast: '' });
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const show = (x: MonthlyReport) => {
    setR(x);
    setText({ problems: x.problems, measures: x.measures, opinions: x.opinions, forecast: x.forecast });
  };
  const load = useCallback(async () => {
    try {
      show(await invoke('reports.get', { id }));
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);
  const act = async (what: string, fn: () => Promise<MonthlyReport>) => {
    setBusy(true);
    setError(null);
    setNotice('');
    try {
      show(await fn());
      setNotice(what);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  if (!r) return <div className="vx-page">{error ? <FormError message={error} /> : <span className="muted">正在加载…</span>}</div>;
  const mine = r.managerId === session.user.id;
  const editable = mine && (r.status === '草稿' || r.status === '已退回');
  const reviewing = session.user.role !== 'manager' && r.status === '已提交';
  const f = r.figures;
  const lastReturn = [...r.versions].reverse().find((v) => v.decision === '已退回');
  return (
    <div className="vx-page rp-page">
      <div className="vx-head">
        <h1>
          客户月度销售情况分析报告 · {r.month} · {r.managerDisplayName}
        </h1>
        <span className="vx-badge" data-testid="report-status">
          {r.status}
        </span>
        {r.late && <span className="vx-due danger">逾期</span>}
        <span className="muted">截止 {r.due}</span>
        <span className="spacer" />
        <a className="btn" href="#/reports">
          返回列表
        </a>
      </div>
      <FormNotice kind="success">{notice}</FormNotice>
      <FormError message={error} />
      {r.status === '已退回' && lastReturn && (
        <div className="rp-returned" role="note">
          退回意见（{lastReturn.decidedBy}，{lastReturn.decidedAt?.slice(0, 16)}）：{lastReturn.comment}
        </div>
      )}
      <section className="vx-panel">
        <h2 className="vx-panel-title">业务量</h2>
        <table className="vx-table" aria-label="业务量">
          <thead>
            <tr>
              <th>指标</th>
              <th className="num">本月</th>
              <th className="num">上月</th>
              <th className="num">环比</th>
              <th className="num">去年同月</th>
              <th className="num">同比</th>
            </tr>
          </thead>
          <tbody>
            {f.metrics.map((m) => (
              <tr key={m.metric}>
                <td>{m.metric}</td>
                <td className="num">{m.total}</td>
                <td className="num">{m.lastMonth ?? '—'}</td>
                <td className="num">{pct(m.changeVsLastMonth)}</td>
                <td className="num">{m.sameMonthLastYear ?? '—'}</td>
                <td className="num">{pct(m.changeVsLastYear)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {!f.metrics.length && <p className="vx-empty">本月没有导入的业务量</p>}
        <div className="rp-movers">
          {(
            [
              ['增长最多', f.risers],
              ['下降最多', f.fallers],
            ] as const
          ).map(([title, list]) => (
            <div key={title}>
              <h3>{title}</h3>
              <ul>
                {list.map((m) => (
                  <li key={m.customerId}>
                    <a href={`#/customers/${m.customerId}`}>{m.name}</a> {m.previous} → {m.value}（{m.change > 0 ? '+' : ''}
                    {m.change}）
                  </li>
                ))}
                {!list.length && <li className="muted">无</li>}
              </ul>
            </div>
          ))}
        </div>
      </section>
      <section className="vx-panel">
        <h2 className="vx-panel-title">走访与投诉</h2>
        <p className="rp-line">
          走访 {f.visits.visits} 次，覆盖 {f.visits.visitedCustomers}/{f.visits.assigned} 户（{rate(f.visits.coverage)}），计划完成率 {rate(f.visits.planCompletionRate)}，签字率{' '}
          {rate(f.visits.signatureRate)}；投诉新增 {f.complaints.opened} 件，办结 {f.complaints.closed} 件；客户意见 {f.opinions.length} 条。
        </p>
        {f.opinions.length > 0 && (
          <ul className="rp-opinions">
            {f.opinions.map((o, i) => (
              <li key={i}>
                {o.date} {o.customerName}：{o.text}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="vx-panel rp-text">
        <h2 className="vx-panel-title">分析</h2>
        {TEXTS.map(([key, label]) => (
          <Field key={key} label={label}>
            <textarea className="input" rows={3} maxLength={5000} readOnly={!editable} value={text[key]} onChange={(e) => setText((t) => ({ ...t, [key]: e.target.value }))} />
          </Field>
        ))}
        {editable && (
          <div className="vx-actions">
            <button type="button" className="btn" disabled={busy} onClick={() => void act('已保存', () => invoke('reports.save', { id: r.id, ...text }))}>
              保存
            </button>
            <button
              type="button"
              className="btn primary"
              disabled={busy}
              onClick={() =>
                void act('已提交，等待负责人审阅', async () => {
                  await invoke('reports.save', { id: r.id, ...text });
                  return invoke('reports.submit', { id: r.id });
                })
              }
            >
              提交
            </button>
          </div>
        )}
      </section>
      {reviewing && (
        <section className="vx-panel rp-text" aria-label="审阅">
          <h2 className="vx-panel-title">审阅</h2>
          <Field label="审阅意见">
            <textarea className="input" rows={2} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />
          </Field>
          <div className="vx-actions">
            <button type="button" className="btn" disabled={busy} onClick={() => void act('已退回', () => invoke('reports.review', { id: r.id, decision: '已退回', comment }))}>
              退回
            </button>
            <button type="button" className="btn primary" disabled={busy} onClick={() => void act('已批准', () => invoke('reports.review', { id: r.id, decision: '已批准', comment }))}>
              批准
            </button>
          </div>
        </section>
      )}
      {r.versions.length > 0 && (
        <section className="vx-panel">
          <h2 className="vx-panel-title">提交记录</h2>
          <table className="vx-table" aria-label="提交记录">
            <colgroup>
              <col style={{ width: 90 }} />
              <col style={{ width: 150 }} />
              <col style={{ width: 180 }} />
              <col />
            </colgroup>
            <thead>
              <tr>
                <th>版本</th>
                <th>提交时间</th>
                <th>审阅</th>
                <th>意见</th>
              </tr>
            </thead>
            <tbody>
              {r.versions.map((v) => (
                <tr key={v.version} data-testid="report-version">
                  <td>第 {v.version} 版</td>
                  <td>{v.submittedAt.slice(0, 16)}</td>
                  <td>{v.decision ? `${v.decision}（${v.decidedBy ?? ''}）` : '待审阅'}</td>
                  <td>{v.comment ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
