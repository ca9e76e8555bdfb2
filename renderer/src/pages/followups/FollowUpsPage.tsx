import { useEffect, useState } from 'react';
import type { ManagerOption } from '../../../../shared/api/users';
import { FOLLOWUP_SOURCE_LABELS, type FollowUp } from '../../../../shared/domain/followups';
import { invoke } from '../../api/client';
import { FormError, FormNotice } from '../../components/FormError';
import { useSession } from '../../session';
import { ExportButton } from '../../components/ExportDialog';
import { joinParts, type ExportTarget } from '../../components/exportTarget';
import { FollowUpDoneDialog } from './FollowUpDoneDialog';
import { NewFollowUpDialog } from './NewFollowUpDialog';
import { ListTabs, type ListTab } from '../../components/ListTabs';
import { Pager } from '../../components/Pager';
import { usePagedList } from '../../components/usePagedList';
import '../../components/forms.css';
import '../../components/pages.css';

type Status = 'open' | 'overdue' | 'done' | 'all';
const TABS: ListTab<Status>[] = [
  { value: 'open', label: '未完成' },
  { value: 'overdue', label: '已逾期' },
  { value: 'done', label: '已完成' },
  { value: 'all', label: '全部' },
];

function sourceLink(f: FollowUp) {
  const label = FOLLOWUP_SOURCE_LABELS[f.sourceType];
  if (f.sourceType === 'visit' && f.sourceId) return <a href={`#/visits/${f.sourceId}`}>{label}</a>;
  if (f.sourceType === 'complaint' && f.sourceId) return <a href={`#/complaints/${f.sourceId}`}>{label}</a>;
  return label;
}

/** 待跟进: my follow-up tasks (负责人: everyone's), overdue ones in red. */
export function FollowUpsPage() {
  const { session } = useSession();
  const supervisor = session.user.role !== 'manager';
  const [status, setStatus] = useState<Status>('open');
  const [ownerId, setOwnerId] = useState('');
  const [managers, setManagers] = useState<ManagerOption[]>([]);
  const [notice, setNotice] = useState('');
  const [doneTask, setDoneTask] = useState<FollowUp | null>(null);
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    if (!supervisor) return;
    invoke('users.options', {})
      .then((u) => setManagers(u.filter((m) => !m.disabled && m.role !== 'admin')))
      .catch(() => setManagers([]));
  }, [supervisor]);

  const list = usePagedList((range) => invoke('followups.list', { status, ...range, ...(ownerId ? { ownerId: Number(ownerId) } : {}) }), [status, ownerId]);
  const page = list.page;

  const exportTarget = (): ExportTarget => {
    const owner = managers.find((m) => String(m.id) === ownerId);
    const summary = joinParts(
      [
        !supervisor && '我的跟进任务',
        `状态：${TABS.find((t) => t.value === status)!.label}`,
        ownerId && `负责人：${owner?.displayName ?? `ID ${ownerId}`}`,
      ],
      '',
    );
    return {
      kind: 'followups',
      filter: { status, ...(ownerId ? { ownerId: Number(ownerId) } : {}) },
      summary: page ? `${summary}（共 ${page.total} 条）` : summary,
    };
  };

  return (
    <div className="vx-page">
      <div className="vx-head">
        <h1>待跟进</h1>
        <span className="spacer" />
        <ExportButton target={exportTarget} disabled={page?.total === 0} />
        <button type="button" className="btn primary" onClick={() => setCreating(true)}>
          新建跟进
        </button>
      </div>
      <FormNotice kind="success">{notice}</FormNotice>
      <FormError message={list.error} />
      <div className="panel">
        <div className="vx-tabbar">
          <ListTabs
            tabs={TABS}
            value={status}
            onChange={(v) => {
              setStatus(v);
              list.toFirstPage();
            }}
          />
          {supervisor && (
            <label className="vx-filter">
              <span>负责人</span>
              <select
                className="input"
                value={ownerId}
                aria-label="负责人"
                onChange={(e) => {
                  setOwnerId(e.target.value);
                  list.toFirstPage();
                }}
              >
                <option value="">全部</option>
                {managers.map((m) => (
                  <option key={m.id} value={String(m.id)}>
                    {m.displayName}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
        <div className="table-wrap">
          <table className="data-table vx-fixed" aria-label="跟进任务">
            <thead>
              <tr>
                <th style={{ width: 110 }}>跟进日期</th>
                <th style={{ width: 180 }}>客户</th>
                <th>内容</th>
                <th style={{ width: 84 }}>来源</th>
                {supervisor && <th style={{ width: 90 }}>负责人</th>}
                <th style={{ width: 200 }}>状态</th>
                <th style={{ width: 72 }}>操作</th>
              </tr>
            </thead>
            <tbody>
              {page?.rows.map((f) => (
                <tr key={f.id} className={f.overdue ? 'vx-row-overdue' : f.done ? 'inactive' : ''} data-testid="followup-row">
                  <td className="vx-mono">{f.due}</td>
                  <td className="vx-ellipsis">
                    <a href={`#/customers/${f.customerId}`} title={`${f.customerName}（${f.customer}）`}>
                      {f.customerName}
                    </a>
                  </td>
                  <td className="wrap">{f.content}</td>
                  <td>{sourceLink(f)}</td>
                  {supervisor && <td>{f.ownerDisplayName}</td>}
                  <td className="wrap">
                    {f.done ? (
                      <>
                        <span className="badge ok">已完成</span> <span className="muted vx-small">{f.result}</span>
                      </>
                    ) : f.overdue ? (
                      <span className="badge danger">已逾期</span>
                    ) : (
                      <span className="badge info">未完成</span>
                    )}
                  </td>
                  <td>
                    {!f.done && (
                      <button type="button" className="btn-text" onClick={() => setDoneTask(f)}>
                        完成
                      </button>
                    )}
                  </td>
                </tr>
              ))}
              {page && !page.rows.length && (
                <tr>
                  <td colSpan={supervisor ? 7 : 6} className="empty">
                    没有{TABS.find((t) => t.value === status)!.label}的跟进任务
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
        {list.pager ? <Pager {...list.pager} /> : null}
      </div>
      {doneTask && (
        <FollowUpDoneDialog
          task={doneTask}
          onClose={() => setDoneTask(null)}
          onDone={(f) => {
            setDoneTask(null);
            setNotice(`已完成跟进：${f.customerName}`);
            void list.reload();
          }}
        />
      )}
      {creating && (
        <NewFollowUpDialog
          managers={supervisor ? managers : null}
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            setNotice('已新建跟进任务');
            void list.reload();
          }}
        />
      )}
    </div>
  );
}
