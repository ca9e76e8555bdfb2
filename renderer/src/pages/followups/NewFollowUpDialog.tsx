import { useState } from 'react';
import type { ManagerOption } from '../../../../shared/api/users';
import { invoke } from '../../api/client';
import { Field, SelectField, TextField } from '../../components/Field';
import { FormDialog } from '../../components/FormDialog';
import { CustomerPicker } from '../../components/CustomerPicker';
import type { PickedCustomer } from '../../components/customerSearch';
import { splitProblems, today } from '../../components/format';
import { useSubmit } from '../../components/useSubmit';
import { DateField } from '../../components/DateField';

/** 新建 a follow-up by hand (most come from a visit's 下次跟进). 负责人 may give it to a manager. */
export function NewFollowUpDialog({ managers, onClose, onCreated }: { managers: ManagerOption[] | null; onClose: () => void; onCreated: () => void }) {
  const [customer, setCustomer] = useState<PickedCustomer | null>(null);
  const [due, setDue] = useState(today());
  const [content, setContent] = useState('');
  const [ownerId, setOwnerId] = useState('');
  const form = useSubmit({ fields: ['customerId', 'due', 'content', 'ownerId'], split: splitProblems });
  const errors = form.fieldErrors;

  const submit = async () => {
    const missing: Record<string, string> = {};
    if (!customer) missing.customerId = '请从候选列表中选择客户';
    if (!content.trim()) missing.content = '请填写跟进内容';
    if (Object.keys(missing).length) {
      form.setFieldErrors(missing);
      return;
    }
    await form.run(async () => {
      await invoke('followups.create', { customerId: customer!.id, due, content: content.trim(), ...(ownerId ? { ownerId: Number(ownerId) } : {}) });
      onCreated();
    });
  };

  return (
    <FormDialog title="新建跟进任务" onClose={onClose} onSubmit={() => void submit()} busy={form.busy} error={form.error}>
      <Field label="客户" error={errors.customerId}>
        <CustomerPicker value={customer} onChange={setCustomer} autoFocus />
      </Field>
      <DateField label="跟进日期" value={due} onChange={setDue} error={errors.due} />
      <TextField label="跟进内容" value={content} onChange={setContent} error={errors.content} maxLength={500} />
      {managers && (
        <SelectField
          label="负责人"
          value={ownerId}
          onChange={setOwnerId}
          error={errors.ownerId}
          options={[{ value: '', label: '客户的客户经理' }, ...managers.map((m) => ({ value: String(m.id), label: m.displayName }))]}
        />
      )}
    </FormDialog>
  );
}
