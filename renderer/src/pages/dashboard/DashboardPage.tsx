import { useCallback, useEffect, useMemo, useState } from 'react';
import { ON_SITE_BAND_LABELS, type KpiDashboard, type KpiRow } from '../../../../shared/domain/kpi';
import { addDays, localDate } from '../../../../shared/domain/visitRules';
import { errorMessage, invoke } from '../../api/client';
import { Chart, type ChartOption } from '../../components/Chart';
import { FormError } from '../../components/FormError';
import { navigate } from '../../router';
import { useSession } from '../../session';
import '../../components/forms.css';
import '../../components/pages.css';
import './dashboard.css';
import { DateInput } from '../../components/DateField';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const pctNum = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

function monthRange(today: string): { from: string; to: string } {
  const from = `${today.slice(0, 7)}-01`;
  return { from, to: today };
}

function Card({ label, value, sub, href }: { label: string; value: string; sub?: string; href: string }) {
  return (
    <a className="db-card" href={href} data-testid={`kpi-${label}`}>
      <span className="db-card-label">{label}</span>
      <span className="db-card-value">{value}</span>
      {sub && <span className="db-card-sub">{sub}</span>}
    </a>
  );
}

/**
 * 工作看板: the 负责人's figures for a period (a 客户经理 sees the same for themselves only).
 * Every figure leads to the list of records behind it.
 */
export function DashboardPage() {
  const { session } = useSession();
  const today = localDate(new Date());
  const [range, setRange] = useState(() => monthRange(today));
  const [data, setData] = useState<KpiDashboard | null>(null);
  const [error, setError] = useState<string | null>(null);
  const branchWide = session.user.role !== 'manager';

  const load = useCallback(async () => {
    setError(null);
    try {
      setData(await invoke('kpi.dashboard', range));
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [range]);
  useEffect(() => {
    void load();
  }, [load]);

  const weeks = data?.weeks ?? [];
  const managers = data?.report.managers ?? [];
  const weekOption = useMemo<ChartOption>(
    () => ({
      animation: false,
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (v === null || v === undefined ? '—' : `${String(v)}%`) },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: weeks.map((w) => `${w.week.slice(5).replace('-', '/')} 起一周`) },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        { name: '计划完成率', type: 'line', data: weeks.map((w) => pctNum(w.planCompletionRate)), connectNulls: true, symbolSize: 8 },
        { name: '走访覆盖率', type: 'line', data: weeks.map((w) => pctNum(w.coverage)), symbolSize: 8 },
      ],
    }),
    [weeks],
  );
  const managerOption = useMemo<ChartOption>(
    () => ({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 48 },
      xAxis: { type: 'category', data: managers.map((m) => m.managerDisplayName || m.manager), axisLabel: { interval: 0, rotate: managers.length > 8 ? 40 : 0 } },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        { name: '计划完成率', type: 'bar', data: managers.map((m) => pctNum(m.planCompletionRate)) },
        { name: '覆盖率', type: 'bar', data: managers.map((m) => pctNum(m.coverage)) },
        { name: '签字率', type: 'bar', data: managers.map((m) => pctNum(m.signatureRate)) },
      ],
    }),
    [managers],
  );
  const onSiteOption = useMemo<ChartOption>(
    () => ({
      animation: false,
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 16, top: 24, bottom: 28 },
      xAxis: { type: 'category', data: ON_SITE_BAND_LABELS },
      yAxis: { type: 'value', name: '次', minInterval: 1 },
      series: [{ name: '走访次数', type: 'bar', data: data?.onSite ?? [] }],
    }),
    [data],
  );

  const b: KpiRow | undefined = data?.report.branch;
  return (
    <div className="vx-page db-page">
      <div className="vx-head">
        <h1>{branchWide ? '工作看板' : '我的指标'}</h1>
        <label className="db-range">
          从
          <DateInput aria-label="开始日期" value={range.from} max={range.to} onlyValid onChange={(from) => from && setRange((r) => ({ ...r, from }))} />
          到
          <DateInput aria-label="结束日期" value={range.to} min={range.from} onlyValid onChange={(to) => to && setRange((r) => ({ ...r, to }))} />
        </label>
        <button type="button" className="btn" onClick={() => setRange(monthRange(today))}>
          本月
        </button>
        <button type="button" className="btn" onClick={() => setRange({ from: addDays(today, -6), to: today })}>
          近 7 天
        </button>
      </div>
      <FormError message={error} />
      {!b || !data ? (
        <span className="muted">正在加载…</span>
      ) : (
        <>
          <div className="db-cards">
            <Card label="计划完成率" value={pct(b.planCompletionRate)} sub={`${b.plannedDone}/${b.planned} 条计划`} href="#/plans" />
            <Card label="覆盖率" value={pct(b.coverage)} sub={`${b.visitedCustomers}/${b.assigned} 户`} href="#/customers" />
            <Card label="走访" value={String(b.visits)} sub={`特殊访问 ${b.specialVisits} · 回访 ${b.returnVisits}`} href="#/visits" />
            <Card label="平均在户时间" value={b.avgOnSiteMinutes === null ? '—' : `${b.avgOnSiteMinutes.toFixed(1)} 分钟`} href="#/visits" />
            <Card label="签字率" value={pct(b.signatureRate)} href="#/visits" />
            <Card label="逾期跟进" value={String(b.overdueFollowUps)} href="#/followups" />
            <Card label="档案完整率" value={pct(b.archiveCompleteness)} href="#/customers" />
            <Card label="新增客户" value={String(b.newCustomers)} sub={`重点客户流失 ${b.keyCustomersLost}`} href="#/customers" />
            <Card label="投诉" value={`${b.complaintsOpened} / ${b.complaintsClosed}`} sub="新增 / 办结" href="#/complaints" />
            <Card label="未处理预警" value={String(data.openWarnings)} href="#/home" />
          </div>
          <div className="db-grid">
            <section className="vx-panel">
              <h2 className="vx-panel-title">按周：计划完成率与覆盖率</h2>
              <Chart label="按周的计划完成率与覆盖率" option={weekOption} onClick={() => navigate('plans')} />
            </section>
            <section className="vx-panel">
              <h2 className="vx-panel-title">在户时间分布</h2>
              <Chart label="在户时间分布" option={onSiteOption} onClick={() => navigate('visits')} />
            </section>
            {branchWide && (
              <section className="vx-panel db-wide">
                <h2 className="vx-panel-title">各客户经理</h2>
                <Chart label="各客户经理的计划完成率、覆盖率和签字率" option={managerOption} height={300} onClick={() => navigate('visits')} />
              </section>
            )}
          </div>
          <section className="vx-panel">
            <h2 className="vx-panel-title">分级覆盖率</h2>
            <table className="vx-table" aria-label="分级覆盖率">
              <thead>
                <tr>
                  <th>分级</th>
                  <th className="num">管户</th>
                  <th className="num">已走访</th>
                  <th className="num">覆盖率</th>
                  <th className="num">走访次数</th>
                </tr>
              </thead>
              <tbody>
                {data.report.tiers.map((t) => (
                  <tr key={t.tier}>
                    <td>{t.tier}</td>
                    <td className="num">{t.assigned}</td>
                    <td className="num">{t.visitedCustomers}</td>
                    <td className="num">{pct(t.coverage)}</td>
                    <td className="num">{t.visits}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section className="vx-panel">
            <h2 className="vx-panel-title">客户经理指标</h2>
            <table className="vx-table" aria-label="客户经理指标">
              <thead>
                <tr>
                  <th>客户经理</th>
                  <th className="num">管户</th>
                  <th className="num">计划完成率</th>
                  <th className="num">覆盖率</th>
                  <th className="num">走访</th>
                  <th className="num">平均在户</th>
                  <th className="num">签字率</th>
                  <th className="num">逾期跟进</th>
                  <th className="num">档案完整率</th>
                  <th className="num">新增客户</th>
                </tr>
              </thead>
              <tbody>
                {managers.map((m) => (
                  <tr key={m.managerId} data-testid="manager-row">
                    <td>{m.managerDisplayName || m.manager}</td>
                    <td className="num">{m.assigned}</td>
                    <td className="num">{pct(m.planCompletionRate)}</td>
                    <td className="num">{pct(m.coverage)}</td>
                    <td className="num">
                      <a href="#/visits">{m.visits}</a>
                    </td>
                    <td className="num">{m.avgOnSiteMinutes === null ? '—' : m.avgOnSiteMinutes.toFixed(1)}</td>
                    <td className="num">{pct(m.signatureRate)}</td>
                    <td className="num">
                      <a href="#/followups">{m.overdueFollowUps}</a>
                    </td>
                    <td className="num">{pct(m.archiveCompleteness)}</td>
                    <td className="num">{m.newCustomers}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </div>
  );
}
