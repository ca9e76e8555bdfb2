import { useState } from 'react';
import type { FollowUp } from '../../../../shared/domain/followups';
import { invoke } from '../../api/client';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { Modal } from '../../components/Modal';
import { splitProblems } from '../../components/format';

/** 完成 a follow-up: the result is required (what came of it is the point of the task). */
export function FollowUpDoneDialog({ task, onClose, onDone }: { task: FollowUp; onClose: () => void; onDone: (f: FollowUp) => void }) {
  const [result, setResult] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!result.trim()) {
      setFieldError('请填写跟进结果');
      return;
    }
    setBusy(true);
    try {
      onDone(await invoke('followups.done', { id: task.id, result: result.trim() }));
    } catch (e) {
      const s = splitProblems(e, ['result']);
      setFieldError(s.fields.result ?? null);
      setError(s.message);
      setBusy(false);
    }
  };
  return (
    <Modal
      title="完成跟进"
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={busy}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            取消
          </button>
          <button type="submit" className="btn primary" disabled={busy}>
            完成
          </button>
        </>
      }
    >
      <FormError message={error} />
      <div className="vx-dialog-text">
        <div>
          <b>{task.customerName}</b>（{task.customer}）· 应于 {task.due} 跟进
        </div>
        <div className="vx-pre">{task.content}</div>
      </div>
      <Field label="跟进结果" error={fieldError}>
        <textarea
          className="input"
          rows={3}
          value={result}
          autoFocus
          maxLength={1000}
          onChange={(e) => {
            setResult(e.target.value);
            setFieldError(null);
          }}
          onKeyDown={(e) => {
            // Ctrl+Enter submits from the multi-line box (plain Enter is a new line).
            if (e.key === 'Enter' && e.ctrlKey) {
              e.preventDefault();
              void submit();
            }
          }}
        />
      </Field>
    </Modal>
  );
}
