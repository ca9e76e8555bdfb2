import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { CUSTOMER_EXPORT_COLUMNS, DEFAULT_CUSTOMER_EXPORT_COLUMNS, EXPORT_KIND_LABELS, type ExportFormat, type ExportReport } from '../../../shared/domain/exports';
import type { JobStatus } from '../../../shared/domain/jobs';
import { errorMessage, invoke } from '../api/client';
import { downloadJobFile } from '../api/files';
import { ConfirmDialog } from './ConfirmDialog';
import { FormError } from './FormError';
import { JobProgressBar, useJob } from './JobProgress';
import { Modal } from './Modal';
import { useSession } from '../session';
import type { ExportTarget } from './exportTarget';
import { useSubmit } from './useSubmit';
import './forms.css';
import './exports.css';

const FORMATS: { value: ExportFormat; label: string; hint: string }[] = [
  { value: 'xlsx', label: 'Excel（.xlsx）', hint: '带标题行、冻结表头，日期为日期格式' },
  { value: 'csv', label: 'CSV（UTF-8，Excel 可直接打开）', hint: '纯文本，适合导入其他系统' },
];

/** The chooser in groups: the archive's own fields, then one row of checkboxes per contact. */
const COLUMN_GROUPS: { title: string; keys: string[]; contact?: boolean }[] = [
  { title: '客户信息', keys: CUSTOMER_EXPORT_COLUMNS.filter((c) => !c.key.startsWith('contact')).map((c) => c.key) },
  ...[1, 2, 3].map((n) => ({
    title: `联系人${n}`,
    contact: true,
    keys: CUSTOMER_EXPORT_COLUMNS.filter((c) => c.key.startsWith(`contact${n}.`)).map((c) => c.key),
  })),
];
const LABELS = new Map(CUSTOMER_EXPORT_COLUMNS.map((c) => [c.key, c.label]));

function isExportReport(r: JobStatus['result']): r is ExportReport {
  return !!r && r.kind === 'export';
}

interface DialogProps {
  target: ExportTarget;
  onClose: () => void;
}

/**
 * 导出: choose the format (and for customers the columns), start the job, follow it, and
 * save the file as soon as it is ready. The filter is the list screen's own, shown in words
 * so the user knows which rows go out before anything is written.
 */
export function ExportDialog({ target, onClose }: DialogProps) {
  const { session } = useSession();
  const isCustomers = target.kind === 'customers';
  const [format, setFormat] = useState<ExportFormat>('xlsx');
  const gridColumns = target.columns?.length ? [...target.columns] : [...DEFAULT_CUSTOMER_EXPORT_COLUMNS];
  const [columns, setColumns] = useState<string[]>(gridColumns);
  // Starting the job is the form's submit; what follows is the job's own progress and errors.
  const starting = useSubmit();
  const [saveError, setSaveError] = useState('');
  const [saving, setSaving] = useState(false);
  const [askClose, setAskClose] = useState(false);
  // One automatic save per job: the end of a job can be reported by a poll and by follow().
  const savedFor = useRef<string | null>(null);

  const save = async (jobId: string) => {
    setSaving(true);
    setSaveError('');
    try {
      await downloadJobFile(jobId, 'output');
    } catch (e) {
      setSaveError(`保存文件失败：${errorMessage(e)}`);
    } finally {
      setSaving(false);
    }
  };

  const job = useJob((s) => {
    if (s.state !== 'done' || savedFor.current === s.jobId) return;
    savedFor.current = s.jobId;
    void save(s.jobId);
  });
  const status = job.job;
  const phase = !status ? 'setup' : status.state;
  const report = status && isExportReport(status.result) ? status.result : null;
  const label = EXPORT_KIND_LABELS[target.kind];

  // Leaving the screen (Alt+N, a lock, logging out) unmounts the dialog without asking; a job
  // nobody will save would only keep a worker busy, so it is cancelled.
  const runningId = useRef<string | null>(null);
  runningId.current = status?.state === 'running' ? status.jobId : null;
  useEffect(
    () => () => {
      if (runningId.current) void invoke('jobs.cancel', { jobId: runningId.current }).catch(() => undefined);
    },
    [],
  );

  const start = async () => {
    if (starting.busy || phase !== 'setup') return;
    if (isCustomers && !columns.length) {
      starting.setError('请至少选择一列');
      return;
    }
    await starting.run(async () => {
      // The dialog-only fields stay behind; the rest is the list's filter as is.
      const { summary: _summary, columns: _initial, ...request } = target;
      const input = request.kind === 'customers' ? { ...request, format, columns } : { ...request, format };
      job.follow(await invoke('exports.start', input));
    });
  };

  const requestClose = () => {
    if (starting.busy) return;
    if (phase === 'running') setAskClose(true);
    else onClose();
  };

  const again = () => {
    savedFor.current = null;
    setSaveError('');
    job.reset();
  };

  const toggle = (key: string, on: boolean) => {
    starting.setError(null);
    // Ticked columns go to the end; the rest keep the order the grid showed them in.
    setColumns((cur) => (on ? (cur.includes(key) ? cur : [...cur, key]) : cur.filter((k) => k !== key)));
  };

  // Enter on a radio or checkbox starts the export too, as it would from a text field.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const el = e.target as HTMLInputElement;
    if (e.key === 'Enter' && el.tagName === 'INPUT' && (el.type === 'radio' || el.type === 'checkbox')) {
      e.preventDefault();
      void start();
    }
  };

  // Keys keep React from reusing a button across phases: a click on 重新导出 that turned the
  // same element into the submit button would start the next export at once.
  const footer =
    phase === 'setup' ? (
      <>
        <button key="cancel" type="button" className="btn" onClick={onClose} disabled={starting.busy}>
          取消
        </button>
        <button key="start" type="submit" className="btn primary" disabled={starting.busy || (isCustomers && !columns.length)}>
          {starting.busy ? '正在开始…' : '开始导出'}
        </button>
      </>
    ) : phase === 'running' ? (
      <button key="close-running" type="button" className="btn" onClick={requestClose}>
        关闭
      </button>
    ) : phase === 'done' ? (
      <>
        <button key="save-again" type="button" className="btn" disabled={saving} onClick={() => status && void save(status.jobId)}>
          再次保存
        </button>
        <button key="finish" type="button" className="btn primary" autoFocus onClick={onClose}>
          完成
        </button>
      </>
    ) : (
      <>
        <button key="close" type="button" className="btn" onClick={onClose}>
          关闭
        </button>
        <button key="again" type="button" className="btn primary" autoFocus onClick={again}>
          {phase === 'failed' ? '返回修改' : '重新导出'}
        </button>
      </>
    );

  return (
    <>
      <Modal
        title={`导出${label}`}
        width={isCustomers && phase === 'setup' ? 720 : 520}
        onClose={requestClose}
        onSubmit={() => void start()}
        busy={starting.busy}
        className="export-dialog"
        footer={footer}
      >
        <div className="ex-summary" data-testid="export-filter">
          <span className="ex-summary-label">导出范围</span>
          <span className="ex-summary-text" title={target.summary}>
            {target.summary}
          </span>
        </div>
        {phase === 'setup' ? (
          <div onKeyDown={onKeyDown}>
            <div className="ex-section" id="ex-format-label">
              文件格式
            </div>
            <div className={isCustomers ? 'ex-formats wide' : 'ex-formats'} role="radiogroup" aria-labelledby="ex-format-label">
              {FORMATS.map((f) => (
                <label key={f.value} className={format === f.value ? 'ex-format selected' : 'ex-format'}>
                  <input
                    type="radio"
                    name="ex-format"
                    value={f.value}
                    checked={format === f.value}
                    autoFocus={format === f.value}
                    onChange={() => setFormat(f.value)}
                  />
                  <span>
                    <strong>{f.label}</strong>
                    <span className="ex-hint">{f.hint}</span>
                  </span>
                </label>
              ))}
            </div>
            {isCustomers && (
              <fieldset className="ex-columns" aria-label="导出列">
                <div className="ex-section ex-columns-head">
                  <span>导出列</span>
                  <span className="ex-count" aria-live="polite">
                    已选 {columns.length} 列
                  </span>
                  <span className="spacer" />
                  <button type="button" className="btn-text" onClick={() => setColumns(gridColumns)}>
                    同列表显示的列
                  </button>
                  <button type="button" className="btn-text" onClick={() => setColumns(CUSTOMER_EXPORT_COLUMNS.map((c) => c.key))}>
                    全选
                  </button>
                  <button type="button" className="btn-text" onClick={() => setColumns([])}>
                    全不选
                  </button>
                </div>
                {COLUMN_GROUPS.map((g) => (
                  <div key={g.title} className="ex-group">
                    <div className="ex-group-title">{g.title}</div>
                    <div className={g.contact ? 'ex-checks contact' : 'ex-checks'}>
                      {g.keys.map((key) => (
                        <label key={key} className="check" title={LABELS.get(key)}>
                          <input type="checkbox" checked={columns.includes(key)} onChange={(e) => toggle(key, e.target.checked)} />
                          {g.contact ? LABELS.get(key)!.replace(/^联系人\d/, '') : LABELS.get(key)}
                        </label>
                      ))}
                    </div>
                  </div>
                ))}
                <div className="ex-order" title={columns.map((k) => LABELS.get(k)).join('、')}>
                  列顺序：{columns.length ? columns.map((k) => LABELS.get(k)).join('、') : '（未选择）'}
                </div>
              </fieldset>
            )}
            {isCustomers && session.user.role === 'manager' && (
              <div className="ex-note">客户经理导出的身份证号、手机号默认脱敏；如需完整号码，请管理员在用户管理中开通“允许完整导出”。</div>
            )}
            <FormError message={starting.error} />
          </div>
        ) : (
          <div className="ex-run">
            {status && <JobProgressBar job={status} title={`导出${label}`} onCancel={() => void job.cancel()} />}
            <FormError message={job.error} />
            {phase === 'done' && report && (
              <div className="ex-report" data-testid="export-report" role="status">
                <div className="ex-report-head">导出完成</div>
                <dl>
                  <dt>文件</dt>
                  <dd className="ex-file">{report.fileName}</dd>
                  <dt>行数</dt>
                  <dd>{report.rows.toLocaleString('zh-CN')} 行</dd>
                  <dt>身份证号/手机号</dt>
                  <dd>{report.masked ? '已脱敏（如 110101********1234、138****0000）' : '完整导出，未脱敏，请妥善保管文件'}</dd>
                </dl>
                <div className="ex-hint">{saving ? '正在保存文件…' : '已开始保存文件；如果没有看到保存的文件，请点“再次保存”。'}</div>
              </div>
            )}
            <FormError message={saveError} />
            {phase === 'cancelled' && <div className="ex-note">已取消导出，没有生成文件。</div>}
          </div>
        )}
      </Modal>
      {askClose && (
        <ConfirmDialog
          title="导出尚未完成"
          message="关闭窗口将取消本次导出，不会生成文件。"
          confirmLabel="取消导出并关闭"
          cancelLabel="继续导出"
          danger
          onCancel={() => setAskClose(false)}
          onConfirm={() => {
            setAskClose(false);
            void job.cancel().finally(onClose);
          }}
        />
      )}
    </>
  );
}

interface ButtonProps {
  /** Read when the button is pressed, so the dialog gets the filter and columns of that moment. */
  target: () => ExportTarget;
  disabled?: boolean;
}

/** The list screens' 导出 button and its dialog. */
export function ExportButton({ target, disabled }: ButtonProps) {
  const [open, setOpen] = useState<ExportTarget | null>(null);
  return (
    <>
      <button type="button" className="btn" disabled={disabled} title="把当前筛选出的记录导出为 Excel 或 CSV" onClick={() => setOpen(target())}>
        导出
      </button>
      {open && <ExportDialog target={open} onClose={() => setOpen(null)} />}
    </>
  );
}
