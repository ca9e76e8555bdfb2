import { useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../../../shared/api/result';
import type { Customer, CustomerInput, DuplicateHit } from '../../../../shared/domain/customers';
import { labelForPath } from '../../../../shared/domain/labels';
import { validateCreditCode, validateIdCard, validateLandline, validateMobile } from '../../../../shared/validators';
import { invoke, tryInvoke } from '../../api/client';
import { CustomerForm, focusField, type CheckedField } from './CustomerForm';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DuplicateWarning } from './DuplicateWarning';
import { ErrorSummary, type Summary } from './ErrorSummary';
import {
  draftFromCustomer,
  emptyDraft,
  localProblems,
  normalisePath,
  sameDraft,
  stripLabel,
  toInput,
  type CustomerDraft,
  type FieldErrors,
} from './formModel';
import type { CustomerOptions } from './useCustomerOptions';

interface Props {
  /** null: a new customer. */
  customer: Customer | null;
  options: CustomerOptions;
  /** Own user name (the default manager of a new customer) and whether it is a 客户经理. */
  userName: string;
  isManager: boolean;
  /** Editing is not offered for a deleted customer: restore it first. */
  readOnly?: boolean;
  /** false while another tab is shown: its keyboard shortcuts stay quiet. */
  active?: boolean;
  onSaved: (c: Customer) => void;
  /** Leaving a new, unsaved customer. */
  onAbandon: () => void;
  /** Reload after the server said someone else saved first. */
  onReload: () => void;
}

const CHECKS: Record<CheckedField, (s: string) => { ok: true } | { ok: false; message: string }> = {
  idNumber: (s) => validateIdCard(s),
  creditCode: validateCreditCode,
  mobile: validateMobile,
  phone: validateLandline,
};

/** Only the fields that identify a customer; the schema is strict, so nothing else may be sent. */
function duplicateProbe(d: CustomerDraft): Partial<CustomerInput> {
  const v = (s: string) => s.trim() || undefined;
  const contacts = d.contacts.filter((c) => c.name.trim() && c.mobile.trim()).map((c) => ({ name: c.name.trim(), mobile: c.mobile.trim() }));
  return {
    name: v(d.name),
    address: v(d.address),
    idNumber: v(d.idNumber),
    creditCode: v(d.creditCode),
    mobile: v(d.mobile),
    ...(contacts.length ? { contacts } : {}),
  };
}

/** Errors that no longer apply once the user has changed the field they were about. */
function clearTouched(errors: FieldErrors, before: CustomerDraft, patch: Partial<CustomerDraft>): FieldErrors {
  const next = { ...errors };
  for (const key of Object.keys(patch) as (keyof CustomerDraft)[]) {
    if (key !== 'contacts') {
      delete next[key];
      // The kind decides which identity field is required.
      if (key === 'kind') for (const f of ['idNumber', 'creditCode', 'licenceNo', 'mobile']) delete next[f];
      continue;
    }
    const after = patch.contacts!;
    const structural = after.length !== before.contacts.length;
    for (const k of Object.keys(next)) {
      const m = /^contacts\.(\d+)(?:\.(\w+))?$/.exec(k);
      if (!m && k !== 'contacts') continue;
      if (structural || !m) {
        delete next[k];
        continue;
      }
      const i = Number(m[1]);
      const field = m[2] as keyof CustomerDraft['contacts'][number] | undefined;
      if (!field || before.contacts[i]?.[field] !== after[i]?.[field]) delete next[k];
    }
  }
  return next;
}

export function CustomerEditor({ customer, options, userName, isManager, readOnly, active = true, onSaved, onAbandon, onReload }: Props) {
  const isNew = customer === null;
  const [baseline] = useState<CustomerDraft>(() => (customer ? draftFromCustomer(customer) : emptyDraft(isManager ? userName : '')));
  const [draft, setDraft] = useState<CustomerDraft>(baseline);
  const [editing, setEditing] = useState(isNew);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [summary, setSummary] = useState<Summary | null>(null);
  const [blockingHits, setBlockingHits] = useState<DuplicateHit[] | null>(null);
  const [liveHits, setLiveHits] = useState<DuplicateHit[]>([]);
  const [busy, setBusy] = useState(false);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [nextCode, setNextCode] = useState('');
  const [focusPath, setFocusPath] = useState<string | null>(isNew ? 'name' : null);
  const dirty = !sameDraft(draft, baseline);
  const editButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!isNew) return;
    invoke('customers.nextCode', {})
      .then(setNextCode)
      .catch(() => undefined);
  }, [isNew]);

  // Focus after the render that opened the section holding the field.
  useEffect(() => {
    if (!focusPath) return;
    focusField(focusPath);
    setFocusPath(null);
  }, [focusPath]);

  const change = (patch: Partial<CustomerDraft>) => {
    setErrors((e) => clearTouched(e, draft, patch));
    setDraft((d) => ({ ...d, ...patch }));
  };

  const showFieldErrors = (list: { field: string; message: string }[], title: string) => {
    const map: FieldErrors = {};
    for (const f of list) {
      const path = normalisePath(f.field);
      const label = labelForPath(path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)));
      // Under the input its label is already visible: "身份证号：…" reads as "…" there.
      if (path && !map[path]) map[path] = stripLabel(f.message, label);
    }
    setErrors(map);
    setSummary({ title, items: list.map((f) => ({ path: normalisePath(f.field), message: f.message })) });
    const first = list.map((f) => normalisePath(f.field)).find((p) => p);
    if (first) setFocusPath(first);
  };

  const handleError = (error: ApiError) => {
    if (error.code === 'BAD_INPUT') {
      const list = error.fields?.length ? error.fields : [{ field: error.field ?? '', message: error.message }];
      showFieldErrors(list, `保存失败，请修改以下 ${list.length} 处：`);
    } else if (error.code === 'CONFLICT' && Array.isArray(error.details)) {
      setBlockingHits(error.details as DuplicateHit[]);
    } else if (error.code === 'CONFLICT' && !isNew) {
      // Someone saved first (or deleted it): the draft cannot be applied to a version we have not seen.
      setSummary({ title: error.message, items: [], action: { label: '重新加载', run: onReload } });
    } else {
      setSummary({ title: error.message, items: [] });
    }
  };

  const save = async (ignoreDuplicates = false) => {
    if (busy) return;
    const local = localProblems(draft);
    if (Object.keys(local).length) {
      showFieldErrors(
        Object.entries(local).map(([field, message]) => ({ field, message })),
        '请先修改以下内容：',
      );
      return;
    }
    setBusy(true);
    setSummary(null);
    setBlockingHits(null);
    try {
      const data = toInput(draft);
      const r = customer
        ? await tryInvoke('customers.update', { id: customer.id, version: customer.version, data })
        : await tryInvoke('customers.create', { data, ...(ignoreDuplicates ? { ignoreDuplicates: true } : {}) });
      if (r.ok) {
        setErrors({});
        onSaved(r.value);
      } else {
        handleError(r.error);
      }
    } finally {
      setBusy(false);
    }
  };

  const stopEditing = () => {
    setConfirmCancel(false);
    if (isNew) return onAbandon();
    setDraft(baseline);
    setErrors({});
    setSummary(null);
    setBlockingHits(null);
    setLiveHits([]);
    setEditing(false);
    window.setTimeout(() => editButton.current?.focus(), 0);
  };
  const cancel = () => (dirty ? setConfirmCancel(true) : stopEditing());
  const startEditing = () => {
    if (readOnly) return;
    setEditing(true);
    setFocusPath('name');
  };

  const checkField = (field: CheckedField) => {
    const value = draft[field].trim();
    if (value) {
      const r = CHECKS[field](value);
      if (!r.ok) {
        setErrors((e) => ({ ...e, [field]: r.message }));
        return;
      }
    }
    if (field === 'phone') return;
    const data = duplicateProbe(draft);
    if (!data.idNumber && !data.creditCode && !data.mobile && !data.contacts) return setLiveHits([]);
    invoke('customers.checkDuplicates', { data, ...(customer ? { excludeId: customer.id } : {}) })
      .then(setLiveHits)
      // A failed early check must not get in the way: the save checks again.
      .catch(() => undefined);
  };

  // Keyboard: Ctrl+S saves, Esc cancels, F2 edits. Read through a ref so the listener is registered once.
  const keys = useRef({ editing, save, cancel, startEditing, active });
  keys.current = { editing, save, cancel, startEditing, active };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const k = keys.current;
      if (!k.active) return;
      if (e.ctrlKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        if (k.editing) void k.save();
      } else if (e.key === 'Escape' && k.editing && !e.defaultPrevented) {
        e.preventDefault();
        k.cancel();
      } else if (e.key === 'F2' && !k.editing) {
        e.preventDefault();
        k.startEditing();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="cx-editor">
      <div className="cx-actionbar">
        {editing ? (
          <>
            <button type="button" className="btn primary" onClick={() => void save()} disabled={busy} title="Ctrl+S">
              {busy ? '正在保存…' : '保存'}
            </button>
            <button type="button" className="btn" onClick={cancel} disabled={busy} title="Esc">
              取消
            </button>
            <span className="cx-keyhint">Ctrl+S 保存 · Esc 取消</span>
            {dirty && <span className="cx-dirty">有未保存的修改</span>}
          </>
        ) : (
          <>
            <button ref={editButton} type="button" className="btn primary" onClick={startEditing} disabled={readOnly} autoFocus={!readOnly} title="F2">
              编辑
            </button>
            <span className="cx-keyhint">{readOnly ? '已删除的客户需先恢复才能编辑' : 'Enter 或 F2 编辑'}</span>
          </>
        )}
      </div>

      {summary && <ErrorSummary summary={summary} onPick={(path) => setFocusPath(path)} />}
      {blockingHits && (
        <DuplicateWarning hits={blockingHits} busy={busy} onSaveAnyway={() => void save(true)} onDismiss={() => setBlockingHits(null)} />
      )}
      {!blockingHits && editing && liveHits.length > 0 && <DuplicateWarning hits={liveHits} onDismiss={() => setLiveHits([])} />}

      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (editing) void save();
        }}
      >
        <CustomerForm
          draft={draft}
          onChange={change}
          editing={editing}
          errors={errors}
          options={options}
          nextCode={nextCode}
          managerLocked={isManager}
          managerDisplayName={customer?.managerDisplayName ?? ''}
          onFieldBlur={checkField}
        />
      </form>

      {confirmCancel && (
        <ConfirmDialog
          title="放弃修改"
          message={isNew ? '新客户还没有保存，确定放弃吗？' : '有未保存的修改，确定放弃吗？'}
          confirmLabel="放弃修改"
          danger
          onConfirm={stopEditing}
          onCancel={() => setConfirmCancel(false)}
        />
      )}
    </div>
  );
}
