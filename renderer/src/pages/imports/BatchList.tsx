import { useCallback, useEffect, useState } from 'react';
import { CONTACTS_SHEET_NAME } from '../../../../shared/domain/importFields';
import { IMPORT_MODE_LABELS, type ContactsReport, type ImportBatch, type UndoReport } from '../../../../shared/domain/imports';
import type { JobStatus } from '../../../../shared/domain/jobs';
import { errorMessage, invoke } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormError, FormNotice } from '../../components/FormError';
import { JobProgressBar, useJob } from '../../components/JobProgress';
import { Pager } from '../../components/Pager';
import { hasRole, useSession } from '../../session';
import { formatDateTime } from '../../components/format';

const PAGE = 50;

/** The contacts sheet's counts, under the batch's own; the sheet is named when it is not the usual 联系人. */
function contactsLine(c: ContactsReport): string {
  const sheet = c.sheet === CONTACTS_SHEET_NAME ? '' : `（工作表「${c.sheet}」）`;
  return `联系人${sheet}：${c.total} 行，新增 ${c.inserted}，更新 ${c.updated}，跳过 ${c.skipped}，错误 ${c.invalid}`;
}

/** 导入记录: who imported what and when; 负责人 and 管理员 can undo a batch. */
export function BatchList() {
  const { session } = useSession();
  const canUndo = hasRole(session, 'admin', 'supervisor');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ rows: ImportBatch[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const [confirm, setConfirm] = useState<ImportBatch | null>(null);

  const load = useCallback(async () => {
    try {
      setPage(await invoke('imports.batches', { offset, limit: PAGE }));
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [offset]);
  useEffect(() => {
    void load();
  }, [load]);

  const undo = useJob((s: JobStatus) => {
    if (s.state === 'done' && s.result?.kind === 'importUndo') {
      const r: UndoReport = s.result;
      setNotice(r.summary + (r.conflicts.length ? `；${r.conflicts.length} 处因导入后又被修改而保留现值：${r.conflicts.map((c) => `${c.key} ${c.message}`).join('；')}` : ''));
    } else if (s.state === 'failed') {
      setError(`撤销失败：${s.error?.message ?? '未知错误'}。数据未作任何改动。`);
    } else if (s.state === 'cancelled') {
      setNotice('已取消撤销，数据未作任何改动。');
    }
    void load();
  });

  const startUndo = async (b: ImportBatch) => {
    setConfirm(null);
    setNotice('');
    try {
      undo.follow(await invoke('imports.undo', { batchId: b.id }));
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <div className="im-batches">
      <FormNotice kind="success">{notice}</FormNotice>
      <FormError message={error ?? (undo.error || null)} />
      {undo.job?.state === 'running' ? <JobProgressBar job={undo.job} onCancel={() => void undo.cancel()} /> : null}
      <div className="table-wrap">
        <table className="data-table" data-testid="batch-list">
          <thead>
            <tr>
              <th style={{ width: 60 }}>批次</th>
              <th>文件</th>
              <th style={{ width: 90 }}>类型</th>
              <th style={{ width: 90 }}>导入人</th>
              <th style={{ width: 150 }}>时间</th>
              <th className="num">行数</th>
              <th className="num">新增</th>
              <th className="num">更新</th>
              <th className="num">跳过</th>
              <th className="num">错误</th>
              <th style={{ width: 150 }}>状态</th>
            </tr>
          </thead>
          {page?.rows.length === 0 ? (
            <tbody>
              <tr>
                <td colSpan={11} className="empty">
                  还没有导入过文件
                </td>
              </tr>
            </tbody>
          ) : null}
          {/* One body per batch: its row and its contacts line highlight together. */}
          {page?.rows.map((b) => (
            <tbody key={b.id} className="im-batch">
              <tr className={[b.undoneAt ? 'inactive' : '', b.contacts ? 'im-has-contacts' : ''].filter(Boolean).join(' ')}>
                <td className="num">#{b.id}</td>
                <td title={IMPORT_MODE_LABELS[b.mode]}>{b.fileName}</td>
                <td>{b.kindLabel}</td>
                <td>{b.userName}</td>
                <td className="nowrap">{formatDateTime(b.at)}</td>
                <td className="num">{b.total}</td>
                <td className="num">{b.inserted}</td>
                <td className="num">{b.updated}</td>
                <td className="num">{b.skipped}</td>
                <td className="num">{b.invalid}</td>
                <td>
                  {b.undoneAt ? (
                    <span className="muted" title={`${b.undoneBy} 于 ${b.undoneAt} 撤销`}>
                      已撤销（{b.undoneBy}）
                    </span>
                  ) : canUndo ? (
                    <button type="button" className="btn-text danger" disabled={undo.running} onClick={() => setConfirm(b)}>
                      撤销此批次
                    </button>
                  ) : (
                    <span className="badge ok">有效</span>
                  )}
                </td>
              </tr>
              {b.contacts ? (
                <tr className={`im-batch-contacts${b.undoneAt ? ' inactive' : ''}`} data-testid="batch-contacts">
                  <td />
                  <td colSpan={10}>{contactsLine(b.contacts)}</td>
                </tr>
              ) : null}
            </tbody>
          ))}
        </table>
      </div>
      {page ? <Pager offset={offset} pageSize={PAGE} total={page.total} onOffset={setOffset} /> : null}
      {confirm ? (
        <ConfirmDialog
          title={`撤销导入批次 #${confirm.id}`}
          danger
          confirmLabel="撤销此批次"
          message={
            <>
              <p>
                将撤销 {confirm.userName} 于 {formatDateTime(confirm.at)} 导入的「{confirm.fileName}」：
              </p>
              <ul>
                <li>本批新增的 {confirm.inserted} 条记录将被删除（已被走访等引用的移入回收站）；</li>
                <li>本批更新的 {confirm.updated} 条记录恢复为导入前的内容（导入后又被修改过的字段保留现值）。</li>
                {confirm.contacts && confirm.contacts.inserted + confirm.contacts.updated > 0 ? (
                  <li data-testid="undo-contacts">
                    联系人工作表{confirm.contacts.sheet === CONTACTS_SHEET_NAME ? '' : `「${confirm.contacts.sheet}」`}写入的联系人一并撤销（新增 {confirm.contacts.inserted} 个，更新{' '}
                    {confirm.contacts.updated} 个）：新客户的联系人随客户删除，已有客户的联系人恢复为导入前的内容。
                  </li>
                ) : null}
              </ul>
              <p>撤销会记入档案历史和审计日志。</p>
            </>
          }
          onConfirm={() => void startUndo(confirm)}
          onCancel={() => setConfirm(null)}
        />
      ) : null}
    </div>
  );
}
