import { useState } from 'react';
import type { Customer } from '../../../../shared/domain/customers';
import { invoke } from '../../api/client';
import { Field } from '../../components/Field';
import { FormDialog } from '../../components/FormDialog';
import { useSubmit } from '../../components/useSubmit';

interface Props {
  customer: Customer;
  onClose: () => void;
  onDeleted: () => void;
}

/** Soft delete only: the archive goes to the recycle bin with its history and can be restored. */
export function DeleteDialog({ customer, onClose, onDeleted }: Props) {
  const [reason, setReason] = useState('');
  const form = useSubmit();

  const submit = () =>
    form.run(async () => {
      await invoke('customers.delete', { id: customer.id, ...(reason.trim() ? { reason: reason.trim() } : {}) });
      onDeleted();
    });

  return (
    <FormDialog
      title="删除客户"
      submitLabel="确认删除"
      busyLabel="正在删除…"
      danger
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={form.busy}
      error={form.error}
    >
      <div className="cx-dialog-text">
        确定删除客户「<b>{customer.name}</b>」（{customer.code}）吗？
        <div className="muted">删除后客户进入回收站，档案和变更历史都会保留，负责人或管理员可以恢复。</div>
      </div>
      <div className="form-horizontal compact">
        <Field label="删除原因" hint="可不填，例如：重复建档、客户已注销">
          <textarea className="input" rows={2} maxLength={200} value={reason} autoFocus onChange={(e) => setReason(e.target.value)} />
        </Field>
      </div>
    </FormDialog>
  );
}
