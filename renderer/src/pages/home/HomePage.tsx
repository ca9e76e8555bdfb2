import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { FollowUp } from '../../../../shared/domain/followups';
import type { HomeToday } from '../../../../shared/domain/home';
import type { PlanEntry } from '../../../../shared/domain/plans';
import { errorMessage, invoke } from '../../api/client';
import { FormError, FormNotice } from '../../components/FormError';
import { navigate } from '../../router';
import { useSession } from '../../session';
import { FollowUpDoneDialog } from '../followups/FollowUpDoneDialog';
import { PlanStatusBadge } from '../plans/PlanStatusBadge';
import { WarningsPanel } from '../warnings/WarningsPanel';
import { dayLabel, takeFlash, timeOf } from '../../components/format';
import '../../components/forms.css';
import '../../components/pages.css';
import './home.css';

function Panel({ title, count, danger, children, extra }: { title: string; count?: string; danger?: boolean; children: ReactNode; extra?: ReactNode }) {
  return (
    <section className="vx-panel" aria-label={title}>
      <h2 className="vx-panel-title">
        {title}
        {count && <span className={danger ? 'vx-count danger' : 'vx-count'}>{count}</span>}
        <span className="spacer" />
        {extra}
      </h2>
      <div className="vx-panel-body">{children}</div>
    </section>
  );
}

function FollowUpItem({ f, onDone }: { f: FollowUp; onDone: () => void }) {
  return (
    <li className={f.overdue ? 'vx-item overdue' : 'vx-item'}>
      <div className="vx-item-main">
        <div className="vx-item-title">
          <a href={`#/customers/${f.customerId}`}>{f.customerName}</a>
          <span className={f.overdue ? 'vx-due danger' : 'vx-due'}>{f.overdue ? `逾期 · 应于 ${f.due}` : '今天到期'}</span>
        </div>
        <div className="vx-item-sub" title={f.content}>
          {f.content}
        </div>
      </div>
      <button type="button" className="btn small" onClick={onDone}>
        完成
      </button>
    </li>
  );
}

/** 今日: what a manager should do today, each line leading to the customer or the action. */
export function HomePage() {
  const { session } = useSession();
  const [data, setData] = useState<HomeToday | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState(takeFlash);
  const [busyEntry, setBusyEntry] = useState<number | null>(null);
  const [doneTask, setDoneTask] = useState<FollowUp | null>(null);

  const load = useCallback(async () => {
    try {
      setData(await invoke('home.today', { overdueLimit: 30 }));
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const signIn = async (entry: PlanEntry) => {
    setBusyEntry(entry.id);
    setError(null);
    setNotice('');
    try {
      const v = await invoke('visits.signIn', { planEntryId: entry.id });
      setNotice(`已签到：${v.customerName}（${timeOf(v.signIn)}），离开时请点“签退”填写走访内容`);
      await load();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusyEntry(null);
    }
  };

  if (!data) {
    return <div className="vx-page">{error ? <FormError message={error} /> : <span className="muted">正在加载…</span>}</div>;
  }
  const open = data.openVisit;
  const followCount = data.followUps.overdueCount + data.followUps.dueToday.length;
  const branchWide = session.user.role !== 'manager';

  return (
    <div className="vx-page vx-home">
      <div className="vx-head">
        <h1>今日</h1>
        <span className="muted">{dayLabel(data.date)}</span>
        <span className="spacer" />
        <a className="btn" href="#/dashboard">
          {branchWide ? '工作看板' : '我的指标'}
        </a>
        <a className="btn" href="#/plans">
          本周计划
        </a>
        <a className="btn primary" href="#/visits/new">
          登记走访
        </a>
      </div>
      <FormNotice kind="success">{notice}</FormNotice>
      <FormError message={error} />
      {open && (
        <div className="vx-open-visit" role="status">
          <span className="vx-pulse" aria-hidden="true" />
          正在走访 <b>{open.customerName}</b>（{timeOf(open.signIn)} 签到）
          <span className="spacer" />
          <button type="button" className="btn primary" onClick={() => navigate(`visits/${open.id}`)}>
            签退
          </button>
        </div>
      )}
      <div className="vx-home-grid">
        <WarningsPanel
          onChanged={(m) => {
            setNotice(m);
            void load();
          }}
        />
        <Panel title="今日计划" count={`${data.plan.filter((p) => p.status === '已完成').length}/${data.plan.length}`}>
          {data.plan.length ? (
            <ul className="vx-items">
              {data.plan.map((p) => (
                <li key={p.id} className="vx-item" data-testid="today-plan-item">
                  <div className="vx-item-main">
                    <div className="vx-item-title">
                      <a href={`#/customers/${p.customerId}`}>{p.customerName}</a>
                      {p.customerTier && <span className="vx-tier">{p.customerTier}</span>}
                      <PlanStatusBadge entry={p} />
                    </div>
                    <div className="vx-item-sub">
                      {p.customerAddress || p.customer}
                      {p.lastVisitAt ? ` · 上次走访 ${p.lastVisitAt}` : ' · 从未走访'}
                    </div>
                  </div>
                  {p.visitId !== null && open?.id === p.visitId ? (
                    <button type="button" className="btn small primary" onClick={() => navigate(`visits/${p.visitId}`)}>
                      签退
                    </button>
                  ) : p.visitId !== null ? (
                    <a className="btn small" href={`#/visits/${p.visitId}`}>
                      查看
                    </a>
                  ) : p.status === '计划' ? (
                    <button type="button" className="btn small primary" disabled={!!open || busyEntry !== null} title={open ? '请先签退正在进行的走访' : undefined} onClick={() => void signIn(p)}>
                      签到
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="vx-empty">今天没有计划走访。{branchWide ? '' : '可以在“走访计划”里把客户加到今天。'}</p>
          )}
        </Panel>

        <Panel title="待跟进" count={followCount ? String(followCount) : undefined} danger={data.followUps.overdueCount > 0} extra={<a href="#/followups">全部</a>}>
          {followCount ? (
            <ul className="vx-items">
              {[...data.followUps.overdue, ...data.followUps.dueToday].map((f) => (
                <FollowUpItem key={f.id} f={f} onDone={() => setDoneTask(f)} />
              ))}
              {data.followUps.overdueCount > data.followUps.overdue.length && (
                <li className="vx-more">
                  还有 {data.followUps.overdueCount - data.followUps.overdue.length} 条逾期，<a href="#/followups">查看全部</a>
                </li>
              )}
            </ul>
          ) : (
            <p className="vx-empty">没有逾期或今天到期的跟进任务</p>
          )}
        </Panel>

        <Panel title={branchWide ? '未结投诉反馈' : '我的客户的未结投诉'} count={data.complaints.count ? String(data.complaints.count) : undefined} extra={<a href="#/complaints">全部</a>}>
          {data.complaints.open.length ? (
            <ul className="vx-items">
              {data.complaints.open.map((k) => (
                <li key={k.id} className="vx-item">
                  <div className="vx-item-main">
                    <div className="vx-item-title">
                      <a href={`#/complaints/${k.id}`}>{k.customerName}</a>
                      <span className={`vx-badge k-${k.status}`}>{k.status}</span>
                      <span className={k.ageDays > 7 ? 'vx-due danger' : 'vx-due'}>已 {k.ageDays} 天</span>
                    </div>
                    <div className="vx-item-sub" title={k.content}>
                      {k.category}：{k.content}
                    </div>
                  </div>
                </li>
              ))}
            </ul>
          ) : (
            <p className="vx-empty">没有未结的投诉反馈</p>
          )}
        </Panel>

        <Panel title="超期未访客户" count={data.overdueCustomers.total ? String(data.overdueCustomers.total) : undefined} danger={data.overdueCustomers.total > 0}>
          {data.overdueCustomers.rows.length ? (
            <table className="vx-table">
              <thead>
                <tr>
                  <th>客户</th>
                  <th>分级</th>
                  <th>上次走访</th>
                  <th className="num">超期</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {data.overdueCustomers.rows.map((c) => (
                  <tr key={c.customerId}>
                    <td className="vx-ellipsis" title={`${c.name}（${c.code}）`}>
                      <a href={`#/customers/${c.customerId}`}>{c.name}</a>
                    </td>
                    <td>{c.tier || '—'}</td>
                    <td className="vx-mono">{c.lastVisitAt ?? '从未走访'}</td>
                    <td className="num vx-bad">{c.overdueDays} 天</td>
                    <td className="nowrap">
                      <a href={`#/visits/new/${c.customerId}`}>登记走访</a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="vx-empty">没有超期未访的客户</p>
          )}
        </Panel>
      </div>
      {doneTask && (
        <FollowUpDoneDialog
          task={doneTask}
          onClose={() => setDoneTask(null)}
          onDone={(f) => {
            setDoneTask(null);
            setNotice(`已完成跟进：${f.customerName}`);
            void load();
          }}
        />
      )}
    </div>
  );
}
