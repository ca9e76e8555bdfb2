import { useState } from 'react';
import type { ManagerOption } from '../../../../shared/api/users';
import type { CustomerListQuery } from '../../../../shared/domain/customers';
import { ROLE_LABELS } from '../../../../shared/domain/constants';
import { invoke } from '../../api/client';
import { Field } from '../../components/Field';
import { FormDialog } from '../../components/FormDialog';
import { useSubmit } from '../../components/useSubmit';

/** What is being moved: ticked rows, or every customer of the list's current filter (全选) with the count the user saw. */
export type TransferSelection = { ids: number[] } | { filter: CustomerFilter; count: number; summary: string };
export type CustomerFilter = Omit<CustomerListQuery, 'offset' | 'limit' | 'sort' | 'dir' | 'deleted'>;

interface Props {
  selection: TransferSelection;
  managers: ManagerOption[];
  onClose: () => void;
  /** Called after the transfer went through, with the number moved. */
  onDone: (count: number) => void;
}

/** 移交给…: two steps (choose, then confirm) because a transfer changes who may see the customers. */
export function TransferDialog({ selection, managers, onClose, onDone }: Props) {
  // Customers belong to 客户经理: a 负责人 sees every customer already and is not a transfer target.
  const targets = managers.filter((m) => !m.disabled && m.role === 'manager');
  const howMany = 'ids' in selection ? selection.ids.length : selection.count;
  const [toId, setToId] = useState('');
  const [reason, setReason] = useState('');
  const [step, setStep] = useState<'choose' | 'confirm' | 'done'>('choose');
  const form = useSubmit();
  const [toError, setToError] = useState<string | null>(null);
  const [count, setCount] = useState(0);
  const target = targets.find((m) => String(m.id) === toId);

  const next = () => {
    if (!target) return setToError('请选择接收的客户经理');
    setStep('confirm');
  };

  const submit = async () => {
    if (!target) return;
    await form.run(async () => {
      try {
        const which = 'ids' in selection ? { ids: selection.ids } : { filter: selection.filter, expectedCount: selection.count };
        const r = await invoke('customers.transfer', { ...which, toManagerId: target.id, ...(reason.trim() ? { reason: reason.trim() } : {}) });
        setCount(r.count);
        setStep('done');
      } catch (e) {
        // Back to the choice, where the error shows: another manager may be the answer.
        setStep('choose');
        throw e;
      }
    });
  };

  // One FormDialog for all three steps: React keeps the same dialog, so the focus stays inside
  // it from step to step instead of going back to the page's 移交 button.
  if (step === 'done') {
    return (
      <FormDialog title="移交完成" width={420} onClose={() => onDone(count)} onSubmit={() => onDone(count)} submitLabel="确定" cancelLabel={null} submitAutoFocus>
        <p role="status" className="cx-dialog-text">
          已将 <b>{count}</b> 个客户移交给 {target?.displayName}。
        </p>
      </FormDialog>
    );
  }

  if (step === 'confirm') {
    return (
      <FormDialog
        title="确认移交"
        width={460}
        busy={form.busy}
        onClose={() => setStep('choose')}
        onSubmit={() => void submit()}
        cancelLabel="返回"
        submitLabel="确认移交"
        busyLabel="正在移交…"
        submitAutoFocus
      >
        <div className="cx-dialog-text">
          {'ids' in selection ? (
            <>
              确定将选中的 <b>{howMany}</b> 个客户移交给 <b>{target?.displayName}</b> 吗？
            </>
          ) : (
            <>
              确定将当前筛选（{selection.summary}）的<b>全部 {howMany}</b> 个客户移交给 <b>{target?.displayName}</b> 吗？
            </>
          )}
          {reason.trim() && <div>原因：{reason.trim()}</div>}
          <div className="muted">移交后原客户经理将不能再查看这些客户；每个客户的移交记录都会保留。</div>
        </div>
      </FormDialog>
    );
  }

  return (
    <FormDialog title={`移交客户（已选${'ids' in selection ? ' ' : '全部 '}${howMany} 个）`} submitLabel="下一步" onClose={onClose} onSubmit={next} error={form.error}>
      <div className="form-horizontal compact">
        <Field label="移交给" error={toError}>
          <select
            className="input"
            value={toId}
            autoFocus
            onChange={(e) => {
              setToId(e.target.value);
              setToError(null);
            }}
          >
            <option value="">请选择客户经理</option>
            {targets.map((m) => (
              <option key={m.id} value={m.id}>
                {m.displayName}（{ROLE_LABELS[m.role]}）
              </option>
            ))}
          </select>
        </Field>
        <Field label="移交原因" hint="可不填，例如：客户经理岗位调整">
          <textarea className="input" rows={3} maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
      </div>
    </FormDialog>
  );
}
