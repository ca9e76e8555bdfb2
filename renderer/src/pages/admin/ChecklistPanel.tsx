import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { ChecklistEntry } from '../../../../shared/domain/visits';
import { errorMessage, invoke } from '../../api/client';
import { useConfirm } from '../../components/ConfirmDialog';
import { Field } from '../../components/Field';
import { FormError, FormNotice } from '../../components/FormError';

/**
 * 走访内容: the branch's visit checklist (the ticks on the visit form and the sign-in
 * sheet). Every change saves the whole ordered list; a disabled item is no longer
 * offered for new visits, while visits saved with it keep it as they were.
 */
export function ChecklistPanel() {
  const [entries, setEntries] = useState<ChecklistEntry[] | null>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmDialog, confirm] = useConfirm();
  const nameInput = useRef<HTMLInputElement>(null);

  const load = useCallback(async () => {
    try {
      setEntries((await invoke('checklist.get', {})).entries);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  async function save(next: ChecklistEntry[], success: string) {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      setEntries((await invoke('checklist.set', { entries: next })).entries);
      setNotice(success);
      return true;
    } catch (e) {
      setError(errorMessage(e));
      await load();
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function add(e: FormEvent) {
    e.preventDefault();
    if (busy || !entries) return;
    const n = name.trim();
    if (!n) {
      setError('走访内容：请输入名称');
      return;
    }
    if (await save([...entries, { name: n, active: true }], `已添加走访内容「${n}」`)) setName('');
    nameInput.current?.focus();
  }

  function move(i: number, delta: -1 | 1) {
    if (!entries) return;
    const next = [...entries];
    const [item] = next.splice(i, 1);
    next.splice(i + delta, 0, item);
    void save(next, `已调整「${item.name}」的顺序`);
  }

  function toggle(i: number) {
    if (!entries) return;
    const item = entries[i];
    const next = entries.map((x, j) => (j === i ? { ...x, active: !x.active } : x));
    // Flip at once so the checkbox answers the click; a refused save reloads the stored list.
    setEntries(next);
    void save(next, item.active ? `已停用「${item.name}」：新登记的走访不再可选，已保存的走访记录保持不变` : `已启用「${item.name}」`);
  }

  async function remove(i: number) {
    if (!entries) return;
    const item = entries[i];
    const ok = await confirm({
      title: '删除走访内容',
      message: `确定删除「${item.name}」吗？已保存的走访记录仍保留这一项；只想暂时不用可以改为停用。`,
      confirmLabel: '删除',
      danger: true,
    });
    if (ok) await save(entries.filter((_, j) => j !== i), `已删除走访内容「${item.name}」`);
  }

  return (
    <div>
      <FormError message={error} />
      <FormNotice kind="success">{notice}</FormNotice>
      <form className="toolbar" onSubmit={add} noValidate aria-label="新增走访内容">
        <Field label="新增走访内容名称">
          <input ref={nameInput} className="input" style={{ width: 240 }} value={name} onChange={(e) => setName(e.target.value)} maxLength={30} autoFocus />
        </Field>
        <button type="submit" className="btn primary" disabled={busy}>
          添加
        </button>
      </form>
      <div className="table-wrap">
        <table className="data-table" data-testid="checklist-table">
          <thead>
            <tr>
              <th style={{ width: 64 }}>顺序</th>
              <th>走访内容</th>
              <th style={{ width: 72 }}>启用</th>
              <th style={{ width: 180 }}>操作</th>
            </tr>
          </thead>
          <tbody>
            {(entries ?? []).map((x, i) => (
              <tr key={x.name} className={x.active ? '' : 'inactive'}>
                <td className="mono">{i + 1}</td>
                <td>
                  {x.name}
                  {x.active ? null : <span className="badge muted" style={{ marginLeft: 6 }}>已停用</span>}
                </td>
                <td>
                  <input type="checkbox" checked={x.active} disabled={busy} aria-label={`启用「${x.name}」`} onChange={() => toggle(i)} />
                </td>
                <td>
                  <span className="actions">
                    <button type="button" className="btn-text" disabled={busy || i === 0} onClick={() => move(i, -1)} aria-label={`上移「${x.name}」`}>
                      上移
                    </button>
                    <button type="button" className="btn-text" disabled={busy || i === (entries?.length ?? 0) - 1} onClick={() => move(i, 1)} aria-label={`下移「${x.name}」`}>
                      下移
                    </button>
                    <button type="button" className="btn-text danger" disabled={busy} onClick={() => void remove(i)} aria-label={`删除「${x.name}」`}>
                      删除
                    </button>
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {confirmDialog}
    </div>
  );
}
