import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { DictItem } from '../../../../shared/api/dicts';
import { DICT_KINDS, DICT_KIND_LABELS, type DictKind } from '../../../../shared/domain/constants';
import { errorMessage, invoke } from '../../api/client';
import { useConfirm } from '../../components/ConfirmDialog';
import { Field, TextField } from '../../components/Field';
import { FormError, FormNotice } from '../../components/FormError';
import { FormDialog } from '../../components/FormDialog';
import { useSubmit } from '../../components/useSubmit';
import { ChecklistPanel } from './ChecklistPanel';

/** The dictionary kinds, then the visit checklist (走访内容), which lives in the settings rather than dict_items. */
type Tab = DictKind | 'checklist';
const TABS: readonly Tab[] = [...DICT_KINDS, 'checklist'];
const tabLabel = (t: Tab) => (t === 'checklist' ? '走访内容' : DICT_KIND_LABELS[t]);

const DEFAULT_INTERVAL = '30';

/** '' → null (not given); anything else must be a whole number of days. */
function parseDays(text: string): number | null {
  const t = text.trim();
  return t === '' ? null : Number(t);
}

function DictTabs({ kind, items, onChange }: { kind: Tab; items: DictItem[]; onChange: (k: Tab) => void }) {
  // Arrow keys move between tabs, as in any desktop tab strip.
  function onKeyDown(e: KeyboardEvent) {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const i = TABS.indexOf(kind);
    const next = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
    onChange(next);
    document.getElementById(`dict-tab-${next}`)?.focus();
  }
  return (
    <div className="tabs" role="tablist" aria-label="字典类别" onKeyDown={onKeyDown}>
      {TABS.map((k) => (
        <button
          key={k}
          id={`dict-tab-${k}`}
          type="button"
          role="tab"
          aria-selected={k === kind}
          aria-controls="dict-panel"
          tabIndex={k === kind ? 0 : -1}
          className="tab"
          onClick={() => onChange(k)}
        >
          {tabLabel(k)}
          {k === 'checklist' ? null : <span className="count">{items.filter((x) => x.kind === k).length}</span>}
        </button>
      ))}
    </div>
  );
}

function AddItemForm({ kind, onAdded }: { kind: DictKind; onAdded: (item: DictItem) => void }) {
  const [name, setName] = useState('');
  const [days, setDays] = useState(DEFAULT_INTERVAL);
  const form = useSubmit({ fields: ['name', 'visitIntervalDays'] });
  const errors = form.fieldErrors;
  const nameInput = useRef<HTMLInputElement>(null);
  const isTier = kind === 'tier';

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (form.busy) return;
    await form.run(async () => {
      const item = await invoke('dicts.save', {
        kind,
        name: name.trim(),
        ...(isTier ? { visitIntervalDays: parseDays(days) } : {}),
      });
      setName('');
      onAdded(item);
    });
    // Ready for the next item: admins usually add several in a row.
    nameInput.current?.focus();
  }

  return (
    <form className="toolbar" onSubmit={submit} noValidate aria-label={`新增${DICT_KIND_LABELS[kind]}`}>
      <Field label={`新增${DICT_KIND_LABELS[kind]}名称`} error={errors.name}>
        <input ref={nameInput} className="input" style={{ width: 200 }} value={name} onChange={(e) => setName(e.target.value)} maxLength={20} autoFocus />
      </Field>
      {isTier ? (
        <TextField
          label="走访间隔（天）"
          type="number"
          min={1}
          max={365}
          className="narrow"
          value={days}
          onChange={setDays}
          error={errors.visitIntervalDays}
        />
      ) : null}
      <button type="submit" className="btn primary" disabled={form.busy}>
        添加
      </button>
      {form.error ? <FormError message={form.error} className="inline" /> : null}
    </form>
  );
}

function EditItemDialog({ item, onClose, onSaved }: { item: DictItem; onClose: () => void; onSaved: () => void }) {
  const [name, setName] = useState(item.name);
  const [days, setDays] = useState(String(item.visitIntervalDays ?? DEFAULT_INTERVAL));
  const form = useSubmit({ fields: ['name', 'visitIntervalDays'] });
  const errors = form.fieldErrors;
  const isTier = item.kind === 'tier';
  const label = DICT_KIND_LABELS[item.kind];

  const save = () =>
    form.run(async () => {
      await invoke('dicts.save', {
        id: item.id,
        kind: item.kind,
        name: name.trim(),
        ...(isTier ? { visitIntervalDays: parseDays(days) } : {}),
      });
      onSaved();
    });

  return (
    <FormDialog title={`修改${label}`} width={440} onClose={onClose} onSubmit={() => void save()} busy={form.busy} error={form.error}>
      <div className="form-horizontal">
        <TextField
          label="名称"
          value={name}
          onChange={setName}
          error={errors.name}
          maxLength={20}
          autoFocus
          hint={item.usage > 0 ? `改名后，使用它的 ${item.usage} 个客户档案会一并更新` : undefined}
        />
        {isTier ? (
          <TextField
            label="走访间隔（天）"
            type="number"
            min={1}
            max={365}
            className="narrow"
            value={days}
            onChange={setDays}
            error={errors.visitIntervalDays}
            hint="该级别客户多少天至少走访一次，用于生成走访计划"
          />
        ) : null}
      </div>
    </FormDialog>
  );
}

export function DictsPage() {
  const [kind, setKind] = useState<Tab>('tier');
  const [items, setItems] = useState<DictItem[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<DictItem | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmDialog, confirm] = useConfirm();

  // All kinds at once: the lists are short and the tab counts come for free.
  const load = useCallback(async () => {
    try {
      setItems(await invoke('dicts.list', {}));
      setLoaded(true);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const rows = items.filter((x) => x.kind === kind);
  const label = tabLabel(kind);
  const isTier = kind === 'tier';

  function switchKind(k: Tab) {
    setKind(k);
    setError(null);
    setNotice(null);
  }

  async function run(action: () => Promise<unknown>, success: string | null) {
    setBusy(true);
    setError(null);
    setNotice(null);
    let done: string | null = null;
    try {
      await action();
      done = success;
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      await load();
      // Said once the list shows it: a message above a list that has not changed yet reads as a failure.
      if (done) setNotice(done);
      setBusy(false);
    }
  }

  /** Re-numbers the whole list in its new order, saving only the items whose position changed. */
  function move(index: number, delta: -1 | 1) {
    const order = [...rows];
    const [item] = order.splice(index, 1);
    order.splice(index + delta, 0, item);
    void run(async () => {
      for (const [i, x] of order.entries()) {
        if (x.sort !== i) await invoke('dicts.save', { id: x.id, kind: x.kind, name: x.name, sort: i });
      }
    }, null);
  }

  function toggleActive(item: DictItem) {
    // Flip at once so the checkbox answers the click; the reload after saving has the last word.
    setItems((all) => all.map((x) => (x.id === item.id ? { ...x, active: !x.active } : x)));
    void run(
      () => invoke('dicts.save', { id: item.id, kind: item.kind, name: item.name, active: !item.active }),
      item.active ? `已停用「${item.name}」：新建客户时不再可选，已有档案不受影响` : `已启用「${item.name}」`,
    );
  }

  async function remove(item: DictItem) {
    const ok = await confirm({
      title: `删除${label}`,
      message: `确定删除${label}「${item.name}」吗？删除后不能恢复。`,
      confirmLabel: '删除',
      danger: true,
    });
    if (ok) await run(() => invoke('dicts.delete', { id: item.id }), `已删除${label}「${item.name}」`);
  }

  return (
    <div>
      <div className="page-header">
        <h1>字典管理</h1>
        <span className="sub">客户档案中可选的分级、片区、行业和标签，以及走访记录的走访内容；停用的项目不再出现在新建选项中</span>
      </div>
      <FormError message={error} />
      <FormNotice kind="success">{notice}</FormNotice>
      <div className="panel dicts-panel">
        <DictTabs kind={kind} items={items} onChange={switchKind} />
        <div id="dict-panel" role="tabpanel" aria-labelledby={`dict-tab-${kind}`}>
          {kind === 'checklist' ? (
            <ChecklistPanel />
          ) : (
            <>
              <AddItemForm key={kind} kind={kind} onAdded={(item) => void run(async () => undefined, `已添加${label}「${item.name}」`)} />
              <div className="table-wrap">
                <table className="data-table" data-testid="dict-table">
                  <thead>
                    <tr>
                      <th style={{ width: 64 }}>顺序</th>
                      <th>名称</th>
                      {isTier ? <th className="num">走访间隔（天）</th> : null}
                      <th style={{ width: 72 }}>启用</th>
                      <th className="num">使用客户数</th>
                      <th style={{ width: 220 }}>操作</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((x, i) => (
                      <tr key={x.id} className={x.active ? '' : 'inactive'}>
                        <td className="mono">{i + 1}</td>
                        <td>
                          {x.name}
                          {x.active ? null : <span className="badge muted" style={{ marginLeft: 6 }}>已停用</span>}
                        </td>
                        {isTier ? <td className="num">{x.visitIntervalDays ?? '—'}</td> : null}
                        <td>
                          <input type="checkbox" checked={x.active} disabled={busy} aria-label={`启用「${x.name}」`} onChange={() => toggleActive(x)} />
                        </td>
                        <td className="num">{x.usage}</td>
                        <td>
                          <span className="actions">
                            <button type="button" className="btn-text" disabled={busy || i === 0} onClick={() => move(i, -1)} aria-label={`上移「${x.name}」`}>
                              上移
                            </button>
                            <button
                              type="button"
                              className="btn-text"
                              disabled={busy || i === rows.length - 1}
                              onClick={() => move(i, 1)}
                              aria-label={`下移「${x.name}」`}
                            >
                              下移
                            </button>
                            <button type="button" className="btn-text" disabled={busy} onClick={() => setEditing(x)} aria-label={`修改「${x.name}」`}>
                              修改
                            </button>
                            <button type="button" className="btn-text danger" disabled={busy} onClick={() => void remove(x)} aria-label={`删除「${x.name}」`}>
                              删除
                            </button>
                          </span>
                        </td>
                      </tr>
                    ))}
                    {loaded && rows.length === 0 ? (
                      <tr>
                        <td colSpan={isTier ? 6 : 5} className="empty">
                          还没有{label}，在上方输入名称添加
                        </td>
                      </tr>
                    ) : null}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </div>
      </div>
      {editing ? (
        <EditItemDialog
          item={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void run(async () => undefined, `已保存${label}的修改`);
          }}
        />
      ) : null}
      {confirmDialog}
    </div>
  );
}
