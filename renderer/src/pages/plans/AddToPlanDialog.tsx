import { useState } from 'react';
import { invoke } from '../../api/client';
import { Field, SelectField } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { Modal } from '../../components/Modal';
import { CustomerPicker } from '../../components/CustomerPicker';
import type { PickedCustomer } from '../../components/customerSearch';
import { dayLabel, splitProblems } from '../../components/format';

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
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (!customer) {
      setErrors({ customerId: '请从候选列表中选择客户' });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await invoke('plans.add', { customerId: customer.id, date, ...(managerId ? { managerId } : {}) });
      onAdded(customer.name);
    } catch (e) {
      const s = splitProblems(e, ['customerId', 'date', 'managerId']);
      setErrors(s.fields);
      setError(s.message);
      setBusy(false);
    }
  };

  return (
    <Modal
      title="添加到走访计划"
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={busy}
      width={440}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            取消
          </button>
          <button type="submit" className="btn primary" disabled={busy}>
            添加
          </button>
        </>
      }
    >
      <FormError message={error} />
      <Field label="客户" error={errors.customerId}>
        <CustomerPicker value={customer} onChange={(c) => { setCustomer(c); setErrors({}); }} autoFocus />
      </Field>
      <SelectField label="日期" value={date} onChange={setDate} options={days.map((d) => ({ value: d, label: dayLabel(d) }))} error={errors.date} />
    </Modal>
  );
}
