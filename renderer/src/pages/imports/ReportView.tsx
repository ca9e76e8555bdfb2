import { useState } from 'react';
import type { ImportIssue, ImportReport, RowAction } from '../../../../shared/domain/imports';

const ACTION_LABELS: Record<RowAction, string> = {
  insert: '新增',
  update: '更新',
  skip: '跳过',
  invalid: '有错误',
};
const ACTION_BADGE: Record<RowAction, string> = {
  insert: 'ok',
  update: 'info',
  skip: 'muted',
  invalid: 'danger',
};

type Tab = 'rows' | 'errors' | 'warnings';

/** Where a row is: its number, after the sheet's name for rows of the contacts sheet. */
function rowPlace(r: { sheet?: string; row: number }): string {
  return r.sheet ? `${r.sheet}!${r.row}` : String(r.row);
}

function IssueTable({ issues, total, kind }: { issues: ImportIssue[]; total: number; kind: string }) {
  if (!issues.length) return <div className="empty-note muted">没有{kind}</div>;
  return (
    <>
      <div className="table-wrap im-scroll">
        <table className="data-table" data-testid={`report-${kind}`}>
          <thead>
            <tr>
              <th style={{ width: 90 }}>行号</th>
              <th style={{ width: '20%' }}>列</th>
              <th>原因</th>
            </tr>
          </thead>
          <tbody>
            {issues.map((e, i) => (
              <tr key={i}>
                <td className="num" title={e.sheet ? `工作表「${e.sheet}」第 ${e.row} 行` : undefined}>
                  {rowPlace(e)}
                </td>
                <td>{e.column}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {total > issues.length ? <div className="muted im-more">此处列出前 {issues.length} 条，共 {total} 条；全部错误行请下载错误文件查看</div> : null}
    </>
  );
}

/** What an import did, or in a dry run would do: counts, then the rows, errors and possible duplicates. */
export function ReportView({ report }: { report: ImportReport }) {
  const [tab, setTab] = useState<Tab>(report.errorCount ? 'errors' : 'rows');
  const counts: { action: RowAction; n: number }[] = [
    { action: 'insert', n: report.inserted },
    { action: 'update', n: report.updated },
    { action: 'skip', n: report.skipped },
    { action: 'invalid', n: report.invalid },
  ];
  const tabs: { value: Tab; label: string; count: number }[] = [
    { value: 'rows', label: '逐行结果', count: report.total },
    { value: 'errors', label: '错误', count: report.errorCount },
    { value: 'warnings', label: '提醒（可能重复等）', count: report.warningCount },
  ];
  return (
    <div className="im-report" data-testid="import-report">
      <div className="im-counts">
        <div className="im-count">
          <div className="im-count-n">{report.total.toLocaleString('zh-CN')}</div>
          <div className="im-count-label">数据行</div>
        </div>
        {counts.map((c) => (
          <div key={c.action} className={`im-count ${c.action}`} data-testid={`count-${c.action}`}>
            <div className="im-count-n">{c.n.toLocaleString('zh-CN')}</div>
            <div className="im-count-label">
              {c.action === 'invalid' ? '' : report.dryRun ? '将' : report.committed ? '已' : '未'}
              {ACTION_LABELS[c.action]}
            </div>
          </div>
        ))}
      </div>
      {report.contacts ? (
        <div className="im-contacts-counts" data-testid="contacts-counts">
          联系人工作表「{report.contacts.sheet}」：{report.contacts.total} 行，{report.dryRun ? '将' : report.committed ? '已' : '未'}新增 {report.contacts.inserted} 位、更新 {report.contacts.updated} 位、跳过{' '}
          {report.contacts.skipped} 位，有错误 {report.contacts.invalid} 行
        </div>
      ) : null}
      <div className="tabs" role="tablist">
        {tabs.map((t) => (
          <button key={t.value} type="button" role="tab" aria-selected={tab === t.value} className={`tab ${tab === t.value ? 'active' : ''}`} onClick={() => setTab(t.value)}>
            {t.label}
            <span className="count">{t.count.toLocaleString('zh-CN')}</span>
          </button>
        ))}
      </div>
      {tab === 'rows' ? (
        <>
          <div className="table-wrap im-scroll">
            <table className="data-table" data-testid="report-rows">
              <thead>
                <tr>
                  <th style={{ width: 90 }}>行号</th>
                  <th style={{ width: 90 }}>结果</th>
                  <th style={{ width: '16%' }}>编码</th>
                  <th style={{ width: '24%' }}>名称</th>
                  <th>说明</th>
                </tr>
              </thead>
              <tbody>
                {report.rows.map((r) => (
                  <tr key={rowPlace(r)}>
                    <td className="num">{rowPlace(r)}</td>
                    <td>
                      <span className={`badge ${ACTION_BADGE[r.action]}`}>{ACTION_LABELS[r.action]}</span>
                    </td>
                    <td className="mono">{r.key}</td>
                    <td>{r.name}</td>
                    <td>{r.detail}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {report.rowsTruncated ? <div className="muted im-more">此处列出前 {report.rows.length} 行</div> : null}
        </>
      ) : tab === 'errors' ? (
        <IssueTable issues={report.errors} total={report.errorCount} kind="错误" />
      ) : (
        <IssueTable issues={report.warnings} total={report.warningCount} kind="提醒" />
      )}
    </div>
  );
}
