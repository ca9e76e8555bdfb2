import { useState } from 'react';
import { invoke } from '../../api/client';
import { Field, SelectField } from '../../components/Field';
import { FormDialog } from '../../components/FormDialog';
import { CustomerPicker } from '../../components/CustomerPicker';
import type { PickedCustomer } from '../../components/customerSearch';
import { dayLabel, splitProblems } from '../../components/format';
import { useSubmit } from '../../components/useSubmit';

interface Props {
  days: string[];
  date: string;
  /** The plan being edited (负责人 looking at one manager); undefined: the customer's own manager. */
  managerId?: number;
  onClose: () => void;
  onAdded: (name: string) => void;
}

/** 添加客户 to a day of the plan: quick search by name, pinyin initials or code. */
export function AddToPlanDialog({ days, date: initialDate, managerId, onClose, onAdded }: Props) {
  const [customer, setCustomer] = useState<PickedCustomer | null>(null);
  const [date, setDate] = useState(initialDate);
  const form = useSubmit({ fields: ['customerId', 'date', 'managerId'], split: splitProblems });
  const errors = form.fieldErrors;

  const submit = async () => {
    if (!customer) {
      form.setFieldErrors({ customerId: '请从候选列表中选择客户' });
      return;
    }
    await form.run(async () => {
      await invoke('plans.add', { customerId: customer.id, date, ...(managerId ? { managerId } : {}) });
      onAdded(customer.name);
    });
  };

  return (
    <FormDialog title="添加到走访计划" submitLabel="添加" width={440} onClose={onClose} onSubmit={() => void submit()} busy={form.busy} error={form.error}>
      <Field label="客户" error={errors.customerId}>
        <CustomerPicker value={customer} onChange={(c) => { setCustomer(c); form.setFieldErrors({}); }} autoFocus />
      </Field>
      <SelectField label="日期" value={date} onChange={setDate} options={days.map((d) => ({ value: d, label: dayLabel(d) }))} error={errors.date} />
    </FormDialog>
  );
}
