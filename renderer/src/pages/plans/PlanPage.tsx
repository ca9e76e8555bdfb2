import { useCallback, useEffect, useState } from 'react';
import type { ManagerOption } from '../../../../shared/api/users';
import type { PlanEntry, PlanGenerateResult, PlanWeek } from '../../../../shared/domain/plans';
import { addDays, weekMonday } from '../../../../shared/domain/visitRules';
import { errorMessage, invoke } from '../../api/client';
import { useConfirm } from '../../components/ConfirmDialog';
import { FormError, FormNotice } from '../../components/FormError';
import { useSession } from '../../session';
import { dayLabel, defaultWeek, timeOf, today } from '../../components/format';
import { PrintButton } from '../../components/PrintButton';
import { AddToPlanDialog } from './AddToPlanDialog';
import { EntryMenu, type MenuItem } from './EntryMenu';
import { PlanStatusBadge } from './PlanStatusBadge';
import '../../components/forms.css';
import '../../components/pages.css';
import './plans.css';

/** The week picker's choice survives leaving the page (coming back from a customer). */
let lastWeek: string | null = null;

function weekTitle(monday: string): string {
  const fri = addDays(monday, 4);
  const rel = monday === weekMonday(today()) ? '本周' : monday === addDays(weekMonday(today()), 7) ? '下周' : monday === addDays(weekMonday(today()), -7) ? '上周' : '';
  return `${monday.slice(0, 4)}年${Number(monday.slice(5, 7))}月${Number(monday.slice(8, 10))}日 – ${Number(fri.slice(5, 7))}月${Number(fri.slice(8, 10))}日${rel ? `（${rel}）` : ''}`;
}

/** What generating will add and leave out, by tier (higher tiers are planned first). */
function GeneratePreview({ result }: { result: PlanGenerateResult }) {
  const unscheduled = result.tiers.reduce((n, t) => n + t.unscheduled, 0);
  return (
    <div className="vx-gen-preview" data-testid="plan-preview">
      <p>
        按分级优先排入（高等级客户先排，同一等级内逾期最久的先排），可排日期：{result.days.map(dayLabel).join('、')}。
      </p>
      {result.tiers.length ? (
        <table className="vx-gen-table">
          <thead>
            <tr>
              <th>客户分级</th>
              <th>本周应访</th>
              <th>将新增</th>
              <th>超出上限未排入</th>
            </tr>
          </thead>
          <tbody>
            {result.tiers.map((t) => (
              <tr key={t.tier ?? ''}>
                <td>{t.tier ?? '未分级'}</td>
                <td>{t.due}</td>
                <td>{t.added}</td>
                <td className={t.unscheduled ? 'warn' : ''}>{t.unscheduled}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>本周没有到期需要走访的客户。</p>
      )}
      {unscheduled ? <p className="warn">共 {unscheduled} 户超出每日上限未排入；每日上限可由管理员在「系统设置」中调整。</p> : null}
    </div>
  );
}

/** 走访计划 (客户访问日程表): one week, Monday to Friday, generated from the tier rules and then edited by hand. */
export function PlanPage() {
  const { session } = useSession();
  const supervisor = session.user.role !== 'manager';
  const [week, setWeekState] = useState(() => lastWeek ?? defaultWeek());
  // 负责人: '' = every manager; a 客户经理 always sees their own plan.
  const [managerId, setManagerId] = useState('');
  const [managers, setManagers] = useState<ManagerOption[]>([]);
  const [plan, setPlan] = useState<PlanWeek | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const [adding, setAdding] = useState<string | null>(null);
  const [dialog, confirm] = useConfirm();
  const day = today();

  const setWeek = (w: string) => {
    lastWeek = w;
    setWeekState(w);
    setNotice('');
  };

  useEffect(() => {
    if (!supervisor) return;
    invoke('users.options', {})
      .then((u) => setManagers(u.filter((m) => !m.disabled && m.role === 'manager')))
      .catch(() => setManagers([]));
  }, [supervisor]);

  const load = useCallback(async () => {
    try {
      const p = await invoke('plans.show', { week, ...(managerId ? { managerId: Number(managerId) } : {}) });
      setPlan(p);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [week, managerId]);
  useEffect(() => {
    setPlan(null);
    void load();
  }, [load]);

  const run = async (action: () => Promise<string | void>) => {
    setBusy(true);
    setError(null);
    try {
      const msg = await action();
      if (msg) setNotice(msg);
      await load();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const generate = () =>
    run(async () => {
      const scope = managerId ? { managerId: Number(managerId) } : {};
      // First the counts (nothing stored), then the user decides: a plan that leaves 白金 customers out must not happen unseen.
      const preview = await invoke('plans.generate', { week, ...scope, dryRun: true });
      const ok = await confirm({
        title: '生成走访计划',
        message: <GeneratePreview result={preview} />,
        confirmLabel: `生成（新增 ${preview.added} 户）`,
      });
      if (!ok) return;
      const r = await invoke('plans.generate', { week, ...scope });
      const kept = r.managers.reduce((n, m) => n + m.kept, 0);
      const unscheduled = r.managers.reduce((n, m) => n + m.unscheduled, 0);
      const parts = [`新增 ${r.added} 户`];
      if (r.carried) parts.push(`其中顺延 ${r.carried} 户`);
      if (kept) parts.push(`保留原有 ${kept} 户`);
      if (r.markedMissed) parts.push(`${r.markedMissed} 条过期计划记为未完成`);
      if (unscheduled) {
        const left = r.tiers.filter((t) => t.unscheduled).map((t) => `${t.tier ?? '未分级'} ${t.unscheduled}`);
        parts.push(`${unscheduled} 户超出每日上限未排入（${left.join('，')}）`);
      }
      return `已生成计划：${parts.join('，')}`;
    });

  const remove = async (e: PlanEntry) => {
    const ok = await confirm({ title: '移出计划', message: `把「${e.customerName}」从 ${dayLabel(e.date)} 的计划中移除？移除后重新生成计划也不会再加入。`, confirmLabel: '移除', danger: true });
    if (ok) await run(async () => (await invoke('plans.remove', { id: e.id }), `已移除：${e.customerName}`));
  };

  const move = (e: PlanEntry, date: string) => run(async () => (await invoke('plans.move', { id: e.id, date }), `已把「${e.customerName}」移到 ${dayLabel(date)}`));

  const signIn = (e: PlanEntry) =>
    run(async () => {
      const v = await invoke('visits.signIn', { planEntryId: e.id });
      return `已签到：${v.customerName}（${timeOf(v.signIn)}），签退请到“今日”或走访记录`;
    });

  const days = plan?.days ?? [0, 1, 2, 3, 4].map((i) => addDays(week, i));
  const showManager = supervisor && !managerId;
  const selectedManager = managerId ? Number(managerId) : undefined;

  const menuFor = (e: PlanEntry): MenuItem[] => {
    const items: MenuItem[] = days.filter((d) => d !== e.date && d >= day).map((d) => ({ label: `移到${dayLabel(d)}`, onSelect: () => void move(e, d) }));
    items.push({ label: '移出计划', danger: true, onSelect: () => void remove(e) });
    return items;
  };

  return (
    <div className="vx-page vx-plan">
      <div className="vx-head">
        <h1>走访计划</h1>
        <div className="vx-week" role="group" aria-label="选择周">
          <button type="button" className="btn" onClick={() => setWeek(addDays(week, -7))} aria-label="上一周">
            ‹ 上一周
          </button>
          <span className="vx-week-title" data-testid="plan-week">
            {weekTitle(week)}
          </span>
          <button type="button" className="btn" onClick={() => setWeek(addDays(week, 7))} aria-label="下一周">
            下一周 ›
          </button>
          {week !== weekMonday(day) && (
            <button type="button" className="link" onClick={() => setWeek(weekMonday(day))}>
              回到本周
            </button>
          )}
        </div>
        <span className="spacer" />
        {supervisor && (
          <label className="vx-filter">
            <span>客户经理</span>
            <select className="input" value={managerId} aria-label="客户经理" onChange={(e) => setManagerId(e.target.value)}>
              <option value="">全部客户经理</option>
              {managers.map((m) => (
                <option key={m.id} value={String(m.id)}>
                  {m.displayName}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="button" className="btn primary" disabled={busy} onClick={() => void generate()} title="按客户分级的走访周期生成本周计划，已有条目保留">
          生成计划
        </button>
        <PrintButton
          label="打印签到簿"
          title="营销人员市场走访签到记录簿"
          hint="按本周计划预填营销人员市场走访签到记录簿，预览后打印或另存为 PDF"
          disabled={busy}
          load={(output) => invoke('print.signIn', { week, output, ...(managerId ? { managerId: Number(managerId) } : {}) })}
          onError={setError}
        />
        <PrintButton
          label="打印日程表"
          title="客户访问日程表"
          hint="本周走访计划的客户访问日程表，预览后打印或另存为 PDF"
          disabled={busy}
          load={(output) => invoke('print.weekPlan', { week, output, ...(managerId ? { managerId: Number(managerId) } : {}) })}
          onError={setError}
        />
      </div>
      <FormNotice kind="success">{notice}</FormNotice>
      <FormError message={error} />
      {plan && (
        <div className="vx-plan-summary" data-testid="plan-summary">
          共 {plan.summary.total} 户 · <span className="plan-text-计划">计划 {plan.summary.planned}</span> · <span className="plan-text-已完成">已完成 {plan.summary.done}</span> ·{' '}
          <span className="plan-text-未完成">未完成 {plan.summary.missed}</span>
          {plan.summary.total > 0 && <> · 完成率 {Math.round((plan.summary.done / plan.summary.total) * 100)}%</>}
        </div>
      )}
      {/* The calendar decides the columns: a holiday drops a weekday, a 调休 Saturday adds one. */}
      <div className="vx-week-grid" style={{ gridTemplateColumns: `repeat(${Math.max(days.length, 1)}, minmax(0, 1fr))` }}>
        {days.map((d) => {
          const entries = (plan?.entries ?? []).filter((e) => e.date === d);
          const past = d < day;
          return (
            <section key={d} className={`vx-day${d === day ? ' today' : ''}${past ? ' past' : ''}`} aria-label={dayLabel(d)} data-date={d}>
              <h2 className="vx-day-head">
                <span>{dayLabel(d)}</span>
                {d === day && <span className="vx-today-mark">今天</span>}
                <span className="spacer" />
                <span className="vx-count">{entries.length}</span>
              </h2>
              <ul className="vx-day-list">
                {entries.map((e) => {
                  const mine = e.managerId === session.user.id;
                  return (
                    <li key={e.id} className={`vx-entry status-${e.status}`} data-testid="plan-entry">
                      <div className="vx-entry-top">
                        <a className="vx-entry-name" href={`#/customers/${e.customerId}`} title={`${e.customerName}（${e.customer}）${e.customerAddress ? `\n${e.customerAddress}` : ''}`}>
                          {e.customerName}
                        </a>
                        {e.status === '计划' && !past && <EntryMenu label={`调整 ${e.customerName}`} items={menuFor(e)} />}
                      </div>
                      <div className="vx-entry-meta">
                        {e.customerTier && <span className="vx-tier">{e.customerTier}</span>}
                        <PlanStatusBadge entry={e} />
                        {showManager ? (
                          <span className="vx-entry-mgr">{e.managerDisplayName}</span>
                        ) : (
                          <span className="vx-entry-mgr" title="上次走访">
                            {e.lastVisitAt ? `上次 ${Number(e.lastVisitAt.slice(5, 7))}/${Number(e.lastVisitAt.slice(8, 10))}` : '从未走访'}
                          </span>
                        )}
                      </div>
                      {e.status === '计划' && d === day && mine && e.visitId === null && (
                        <button type="button" className="btn small primary vx-entry-act" disabled={busy} onClick={() => void signIn(e)}>
                          签到
                        </button>
                      )}
                      {e.visitId !== null && (
                        <a className="vx-entry-act link" href={`#/visits/${e.visitId}`}>
                          查看走访
                        </a>
                      )}
                    </li>
                  );
                })}
                {plan && !entries.length && <li className="vx-day-empty">无计划</li>}
              </ul>
              {!past && (
                <button type="button" className="vx-day-add" onClick={() => setAdding(d)} aria-label={`添加客户到${dayLabel(d)}`}>
                  + 添加客户
                </button>
              )}
            </section>
          );
        })}
      </div>
      {adding && (
        <AddToPlanDialog
          days={days.filter((d) => d >= day)}
          date={adding}
          managerId={selectedManager}
          onClose={() => setAdding(null)}
          onAdded={(name) => {
            setAdding(null);
            setNotice(`已添加：${name}`);
            void load();
          }}
        />
      )}
      {dialog}
    </div>
  );
}
