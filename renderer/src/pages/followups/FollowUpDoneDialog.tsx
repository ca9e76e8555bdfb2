import { useState } from 'react';
import type { FollowUp } from '../../../../shared/domain/followups';
import { invoke } from '../../api/client';
import { Field } from '../../components/Field';
import { FormDialog } from '../../components/FormDialog';
import { splitProblems } from '../../components/format';
import { useSubmit } from '../../components/useSubmit';

/** 完成 a follow-up: the result is required (what came of it is the point of the task). */
export function FollowUpDoneDialog({ task, onClose, onDone }: { task: FollowUp; onClose: () => void; onDone: (f: FollowUp) => void }) {
  const [result, setResult] = useState('');
  const form = useSubmit({ fields: ['result'], split: splitProblems });
  const submit = async () => {
    if (!result.trim()) {
      form.setFieldErrors({ result: '请填写跟进结果' });
      return;
    }
    await form.run(async () => onDone(await invoke('followups.done', { id: task.id, result: result.trim() })));
  };
  return (
    <FormDialog title="完成跟进" submitLabel="完成" onClose={onClose} onSubmit={() => void submit()} busy={form.busy} error={form.error}>
      <div className="vx-dialog-text">
        <div>
          <b>{task.customerName}</b>（{task.customer}）· 应于 {task.due} 跟进
        </div>
        <div className="vx-pre">{task.content}</div>
      </div>
      <Field label="跟进结果" error={form.fieldErrors.result}>
        <textarea
          className="input"
          rows={3}
          value={result}
          autoFocus
          maxLength={1000}
          onChange={(e) => {
            setResult(e.target.value);
            if (form.fieldErrors.result) form.setFieldErrors({});
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
    </FormDialog>
  );
}
