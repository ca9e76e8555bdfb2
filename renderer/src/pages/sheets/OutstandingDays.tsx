import { useState } from 'react';
import { MAX_SHEET_OUTSTANDING_DAYS } from '../../../../shared/domain/sheets';
import { errorMessage, invoke } from '../../api/client';
import { FormError } from '../../components/FormError';

/** The admin's setting beside the list it drives: after how many days an unreturned sheet is listed. */
export function OutstandingDays({ days, onSaved }: { days: number; onSaved: (days: number) => void }) {
  const [value, setValue] = useState(String(days));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const n = Number(value.trim());
    if (!/^\d+$/.test(value.trim()) || n < 1 || n > MAX_SHEET_OUTSTANDING_DAYS) {
      return setError(`未回收提醒天数须为 1 到 ${MAX_SHEET_OUTSTANDING_DAYS} 之间的整数`);
    }
    setBusy(true);
    setError(null);
    try {
      onSaved((await invoke('sheets.setOutstandingDays', { days: n })).outstandingDays);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="vx-filters"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label className="vx-filter">
        <span>打印后超过几天未回收算超期（管理员设置）</span>
        <input className="input" inputMode="numeric" value={value} onChange={(e) => setValue(e.target.value)} aria-label="未回收提醒天数" style={{ width: 80 }} />
      </label>
      <button type="submit" className="btn" disabled={busy || value.trim() === String(days)}>
        保存
      </button>
      <FormError message={error} />
    </form>
  );
}
