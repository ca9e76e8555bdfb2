import { useCallback, useEffect, useState } from 'react';
import type { ChurnWarning } from '../../../../shared/domain/warnings';
import { errorMessage, invoke } from '../../api/client';
import { Field } from '../../components/Field';
import { FormDialog } from '../../components/FormDialog';
import { FormError } from '../../components/FormError';
import { splitProblems } from '../../components/format';
import { useSubmit } from '../../components/useSubmit';

/** 处理 a warning: the note is required (what was done about the customer is the point). */
function CloseDialog({ warning, onClose, onDone }: { warning: ChurnWarning; onClose: () => void; onDone: (w: ChurnWarning) => void }) {
  const [note, setNote] = useState('');
  const form = useSubmit({ fields: ['note'], split: splitProblems });
  const submit = async () => {
    if (!note.trim()) {
      form.setFieldErrors({ note: '请填写处理说明' });
      return;
    }
    await form.run(async () => onDone(await invoke('warnings.close', { id: warning.id, note: note.trim() })));
  };
  return (
    <FormDialog title="处理流失预警" submitLabel="处理完毕" onClose={onClose} onSubmit={() => void submit()} busy={form.busy} error={form.error}>
      <div className="vx-dialog-text">
        <div>
          <b>{warning.customerName}</b>（{warning.customer}）· {warning.ruleLabel}
        </div>
        <div className="vx-pre">{warning.detail}</div>
      </div>
      <Field label="处理说明" error={form.fieldErrors.note}>
        <textarea
          className="input"
          rows={3}
          value={note}
          autoFocus
          maxLength={500}
          onChange={(e) => {
            setNote(e.target.value);
            if (form.fieldErrors.note) form.setFieldErrors({});
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && e.ctrlKey) {
              e.preventDefault();
              void submit();
            }
          }}
        />
      </Field>
    </FormDialog>
  );
}

/**
 * 流失预警 on both home screens: the open warnings (a manager's own customers), each
 * leading to the customer and closed with a note (which also finishes its 必访 task).
 */
export function WarningsPanel({ onChanged }: { onChanged?: (message: string) => void }) {
  const [rows, setRows] = useState<ChurnWarning[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [closing, setClosing] = useState<ChurnWarning | null>(null);
  const load = useCallback(async () => {
    try {
      const page = await invoke('warnings.list', { status: 'open', limit: 20 });
      setRows(page.rows);
      setTotal(page.total);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <section className="vx-panel vx-warnings" aria-label="流失预警">
      <h2 className="vx-panel-title">
        流失预警
        {total > 0 && <span className="vx-count danger">{total}</span>}
        <span className="spacer" />
      </h2>
      <div className="vx-panel-body">
        <FormError message={error} />
        {rows === null ? (
          <span className="muted">正在加载…</span>
        ) : rows.length ? (
          <ul className="vx-items">
            {rows.map((w) => (
              <li key={w.id} className="vx-item overdue" data-testid="warning-item">
                <div className="vx-item-main">
                  <div className="vx-item-title">
                    <a href={`#/customers/${w.customerId}`}>{w.customerName}</a>
                    <span className="vx-badge">{w.ruleLabel}</span>
                    {w.managerDisplayName && <span className="muted">{w.managerDisplayName}</span>}
                  </div>
                  <div className="vx-item-sub" title={w.detail}>
                    {w.detail}
                  </div>
                </div>
                <button type="button" className="btn small" onClick={() => setClosing(w)}>
                  处理
                </button>
              </li>
            ))}
            {total > rows.length && <li className="vx-more">还有 {total - rows.length} 条未处理的预警</li>}
          </ul>
        ) : (
          <p className="vx-empty">没有未处理的流失预警</p>
        )}
      </div>
      {closing && (
        <CloseDialog
          warning={closing}
          onClose={() => setClosing(null)}
          onDone={(w) => {
            setClosing(null);
            onChanged?.(`已处理流失预警：${w.customerName}`);
            void load();
          }}
        />
      )}
    </section>
  );
}
