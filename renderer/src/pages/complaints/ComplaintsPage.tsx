import { useState } from 'react';
import type { ComplaintRow } from '../../../../shared/domain/complaints';
import { invoke } from '../../api/client';
import { FormError, FormNotice } from '../../components/FormError';
import { navigate } from '../../router';
import { useSession } from '../../session';
import { ExportButton } from '../../components/ExportDialog';
import { joinParts, type ExportTarget } from '../../components/exportTarget';
import { takeFlash } from '../../components/format';
import { ListTabs, type ListTab } from '../../components/ListTabs';
import { Pager } from '../../components/Pager';
import { usePagedList } from '../../components/usePagedList';
import '../../components/forms.css';
import '../../components/pages.css';
import { formatDateTime } from '../../components/format';

type View = 'open' | 'approved' | 'all';
const TABS: ListTab<View>[] = [
  { value: 'open', label: '未结' },
  { value: 'approved', label: '已批准' },
  { value: 'all', label: '全部' },
];

export function ComplaintStatus({ status }: { status: string }) {
  return <span className={`vx-badge k-${status}`}>{status}</span>;
}

/** 投诉反馈 (商品及服务质量信息反馈单): open ones oldest first, with how long each has been open. */
export function ComplaintsPage() {
  const { session } = useSession();
  const supervisor = session.user.role !== 'manager';
  const [view, setView] = useState<View>('open');
  const [notice] = useState(takeFlash);
  const list = usePagedList<ComplaintRow>((range) => invoke('complaints.list', { ...range, ...(view === 'all' ? {} : { open: view === 'open' }) }), [view]);
  const page = list.page;

  const exportTarget = (): ExportTarget => {
    const summary = joinParts(
      [!supervisor && '我的投诉反馈', view === 'open' ? '未结' : view === 'approved' ? '已批准' : '全部状态'],
      '',
    );
    return {
      kind: 'complaints',
      filter: view === 'all' ? {} : { open: view === 'open' },
      summary: page ? `${summary}（共 ${page.total} 条）` : summary,
    };
  };

  return (
    <div className="vx-page">
      <div className="vx-head">
        <h1>投诉反馈</h1>
        <span className="muted">商品及服务质量信息反馈单</span>
        <span className="spacer" />
        <ExportButton target={exportTarget} disabled={page?.total === 0} />
        <a className="btn primary" href="#/complaints/new">
          登记投诉反馈
        </a>
      </div>
      <FormNotice kind="success">{notice}</FormNotice>
      <FormError message={list.error} />
      <div className="panel">
        <div className="vx-tabbar">
          <ListTabs
            tabs={TABS}
            value={view}
            count={page?.total}
            onChange={(v) => {
              setView(v);
              list.toFirstPage();
            }}
          />
        </div>
        <div className="table-wrap">
          <table className="data-table vx-fixed vx-clickable" aria-label="投诉反馈">
            <thead>
              <tr>
                <th style={{ width: 140 }}>反馈时间</th>
                <th style={{ width: 170 }}>客户</th>
                <th style={{ width: 90 }}>类别</th>
                <th>反馈内容</th>
                <th style={{ width: 80 }}>状态</th>
                <th style={{ width: 80 }} className="num">
                  已过天数
                </th>
                <th style={{ width: 84 }}>客户确认</th>
                {supervisor && <th style={{ width: 90 }}>客户经理</th>}
              </tr>
            </thead>
            <tbody>
              {page?.rows.map((k) => (
                <tr
                  key={k.id}
                  tabIndex={0}
                  data-testid="complaint-row"
                  onDoubleClick={() => navigate(`complaints/${k.id}`)}
                  onKeyDown={(e) => e.key === 'Enter' && navigate(`complaints/${k.id}`)}
                >
                  <td className="vx-mono">{formatDateTime(k.openedAt)}</td>
                  <td className="vx-ellipsis">
                    <a href={`#/complaints/${k.id}`} title={`${k.customerName}（${k.customer}）`}>
                      {k.customerName}
                    </a>
                  </td>
                  <td>{k.category}</td>
                  <td className="vx-ellipsis" title={k.content}>
                    {k.content}
                  </td>
                  <td>
                    <ComplaintStatus status={k.status} />
                  </td>
                  <td className={`num${k.closedAt === null && k.ageDays > 7 ? ' vx-bad' : ''}`}>{k.ageDays} 天</td>
                  <td>{k.customerConfirmation}</td>
                  {supervisor && <td>{k.managerDisplayName}</td>}
                </tr>
              ))}
              {page && !page.rows.length && (
                <tr>
                  <td colSpan={supervisor ? 8 : 7} className="empty">
                    没有{view === 'open' ? '未结的' : view === 'approved' ? '已批准的' : ''}投诉反馈
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
        {list.pager ? <Pager {...list.pager} /> : null}
      </div>
    </div>
  );
}
