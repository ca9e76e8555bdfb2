import { useEffect, useState } from 'react';
import { SIGNATURE_STATUSES, type SignatureStatus, type VisitRow } from '../../../../shared/domain/visits';
import type { Receipt } from '../../../../shared/domain/receipts';
import { invoke } from '../../api/client';
import { Field, SelectField, TextField } from '../../components/Field';
import { FormDialog } from '../../components/FormDialog';
import { CustomerPicker } from '../../components/CustomerPicker';
import type { PickedCustomer } from '../../components/customerSearch';
import { splitProblems, today } from '../../components/format';
import { useSubmit } from '../../components/useSubmit';
import './receipts.css';
import { DateField } from '../../components/DateField';

interface ItemDraft {
  name: string;
  quantity: string;
  unit: string;
}

const blankItem = (): ItemDraft => ({ name: '', quantity: '1', unit: '' });

/** 宣传促销品签收单: items handed to one customer, optionally at one of their visits. */
export function ReceiptDialog({ receipt, onClose, onSaved }: { receipt: Receipt | null; onClose: () => void; onSaved: (r: Receipt) => void }) {
  const [customer, setCustomer] = useState<PickedCustomer | null>(receipt ? { id: receipt.customerId, code: receipt.customer, name: receipt.customerName } : null);
  const [date, setDate] = useState(receipt?.date ?? today());
  const [visitId, setVisitId] = useState(receipt?.visitId ? String(receipt.visitId) : '');
  const [visits, setVisits] = useState<VisitRow[]>([]);
  const [items, setItems] = useState<ItemDraft[]>(receipt ? receipt.items.map((i) => ({ name: i.name, quantity: String(i.quantity), unit: i.unit })) : [blankItem()]);
  const [note, setNote] = useState(receipt?.note ?? '');
  const [signature, setSignature] = useState<SignatureStatus>(receipt?.signature ?? '已签');
  const [signatureNote, setSignatureNote] = useState(receipt?.signatureNote ?? '');
  // Problems of one item (items.2.quantity) have no control of their own: they go to the alert line.
  const form = useSubmit({ fields: ['customerId', 'date', 'visitId', 'items', 'note', 'signature', 'signatureNote'], split: splitProblems });
  const errors = form.fieldErrors;

  // The customer's recent visits, to link the receipt to the one where the items were handed out.
  useEffect(() => {
    if (!customer || receipt) return;
    let alive = true;
    invoke('visits.list', { customerId: customer.id, limit: 20 })
      .then((p) => alive && setVisits(p.rows))
      .catch(() => alive && setVisits([]));
    return () => {
      alive = false;
    };
  }, [customer, receipt]);

  const setItem = (i: number, patch: Partial<ItemDraft>) => {
    setItems((list) => list.map((it, j) => (j === i ? { ...it, ...patch } : it)));
    form.setFieldErrors({});
  };

  const submit = async () => {
    if (!customer) {
      form.setFieldErrors({ customerId: '请从候选列表中选择客户' });
      return;
    }
    const filled = items.filter((i) => i.name.trim() || i.unit.trim());
    const payloadItems = filled.map((i) => ({ name: i.name.trim(), quantity: Number(i.quantity), unit: i.unit.trim() }));
    await form.run(async () => {
      const saved = receipt
        ? await invoke('receipts.update', { id: receipt.id, items: payloadItems, note, signature, signatureNote })
        : await invoke('receipts.create', {
            customerId: customer.id,
            date,
            ...(visitId ? { visitId: Number(visitId) } : {}),
            items: payloadItems,
            note,
            signature,
            signatureNote,
          });
      onSaved(saved);
    });
  };

  return (
    <FormDialog title={receipt ? '签收单' : '新建签收单'} width={640} onClose={onClose} onSubmit={() => void submit()} busy={form.busy} error={form.error}>
      <div className="form-row">
        <Field label="客户" error={errors.customerId}>
          <CustomerPicker value={customer} onChange={setCustomer} disabled={!!receipt} autoFocus={!receipt} />
        </Field>
        <DateField label="签收日期" value={date} onChange={setDate} error={errors.date} disabled={!!receipt} max={today()} />
      </div>
      {!receipt && (
        <SelectField
          label="关联走访（可选）"
          value={visitId}
          onChange={(v) => {
            setVisitId(v);
            // Items handed out at a visit are signed for on that day.
            const visit = visits.find((x) => String(x.id) === v);
            if (visit) setDate(visit.signIn.slice(0, 10));
          }}
          error={errors.visitId}
          disabled={!customer}
          options={[{ value: '', label: customer ? '不关联' : '先选择客户' }, ...visits.map((v) => ({ value: String(v.id), label: `${v.signIn.replace('T', ' ')} ${v.type}` }))]}
        />
      )}
      <div className="field">
        <span className="field-label">物品</span>
        <table className="vx-items-table" aria-label="物品">
          <thead>
            <tr>
              <th>名称</th>
              <th style={{ width: 90 }}>数量</th>
              <th style={{ width: 80 }}>单位</th>
              <th style={{ width: 40 }} />
            </tr>
          </thead>
          <tbody>
            {items.map((it, i) => (
              <tr key={i}>
                <td>
                  <input className="input" aria-label={`第${i + 1}项名称`} value={it.name} maxLength={50} onChange={(e) => setItem(i, { name: e.target.value })} placeholder="如：宣传册" />
                </td>
                <td>
                  <input className="input" aria-label={`第${i + 1}项数量`} type="number" min={1} value={it.quantity} onChange={(e) => setItem(i, { quantity: e.target.value })} />
                </td>
                <td>
                  <input className="input" aria-label={`第${i + 1}项单位`} value={it.unit} maxLength={10} onChange={(e) => setItem(i, { unit: e.target.value })} placeholder="份" />
                </td>
                <td>
                  {items.length > 1 && (
                    <button type="button" className="btn-text danger" aria-label={`删除第${i + 1}项`} onClick={() => setItems((l) => l.filter((_, j) => j !== i))}>
                      删除
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div>
          <button type="button" className="btn-text" onClick={() => setItems((l) => [...l, blankItem()])}>
            + 添加物品
          </button>
        </div>
        {errors.items && <div className="field-error">{errors.items}</div>}
      </div>
      <div className="form-row">
        <SelectField label="客户签字" value={signature} onChange={setSignature} options={SIGNATURE_STATUSES.map((s) => ({ value: s, label: s }))} error={errors.signature} />
        <TextField label={signature === '无法签字' ? '无法签字原因' : '签字说明'} value={signatureNote} onChange={setSignatureNote} error={errors.signatureNote} maxLength={200} />
      </div>
      <TextField label="备注" value={note} onChange={setNote} error={errors.note} maxLength={500} />
    </FormDialog>
  );
}
