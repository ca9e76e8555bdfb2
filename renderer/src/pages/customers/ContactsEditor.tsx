import { emptyContact, inputId, type ContactDraft, type FieldErrors } from './formModel';

type TextKey = 'name' | 'role' | 'mobile' | 'phone' | 'birthday' | 'notes';

const COLUMNS: { key: TextKey; label: string; placeholder?: string; width: string }[] = [
  { key: 'name', label: '姓名', width: '12%' },
  { key: 'role', label: '职务', width: '12%' },
  { key: 'mobile', label: '手机', width: '15%' },
  { key: 'phone', label: '电话', placeholder: '区号-号码', width: '15%' },
  { key: 'birthday', label: '生日', placeholder: '如 1980-05-01', width: '13%' },
  { key: 'notes', label: '备注', width: 'auto' },
];

const MAX_CONTACTS = 20;

interface Props {
  contacts: ContactDraft[];
  editing: boolean;
  errors: FieldErrors;
  onChange: (contacts: ContactDraft[]) => void;
  /** Blur of a contact's mobile: the caller looks for duplicates. */
  onMobileBlur?: () => void;
}

/** 联系人: a small table, one row per person; big customers keep 3–5 of them. */
export function ContactsEditor({ contacts, editing, errors, onChange, onMobileBlur }: Props) {
  const update = (i: number, patch: Partial<ContactDraft>) => onChange(contacts.map((c, j) => (j === i ? { ...c, ...patch } : c)));

  const add = () => {
    onChange([...contacts, emptyContact()]);
    // Focus the new row's name once React has rendered it.
    window.setTimeout(() => document.getElementById(inputId(`contacts.${contacts.length}.name`))?.focus(), 0);
  };
  const remove = (i: number) => {
    onChange(contacts.filter((_, j) => j !== i));
    window.setTimeout(() => {
      const next = document.getElementById(inputId(`contacts.${Math.min(i, contacts.length - 2)}.name`));
      (next ?? document.getElementById('cx-add-contact'))?.focus();
    }, 0);
  };

  if (!editing && !contacts.length) return <p className="muted cx-none">暂无联系人</p>;

  return (
    <div className="cx-contacts">
      {contacts.length > 0 && (
        <table className="cx-table cx-contacts-table">
          <thead>
            <tr>
              <th style={{ width: 36 }}>#</th>
              {COLUMNS.slice(0, 4).map((c) => (
                <th key={c.key} style={{ width: c.width }}>
                  {c.label}
                  {c.key === 'name' && editing && (
                    <span className="cx-req" aria-hidden="true">
                      *
                    </span>
                  )}
                </th>
              ))}
              <th style={{ width: 64 }}>决策人</th>
              {COLUMNS.slice(4).map((c) => (
                <th key={c.key} style={{ width: c.width }}>
                  {c.label}
                </th>
              ))}
              {editing && <th style={{ width: 56 }} aria-label="操作" />}
            </tr>
          </thead>
          <tbody>
            {contacts.map((c, i) => {
              const rowError = errors[`contacts.${i}`];
              const cell = (key: TextKey, placeholder?: string) => {
                const path = `contacts.${i}.${key}`;
                const error = errors[path];
                const label = COLUMNS.find((x) => x.key === key)!.label;
                return (
                  <td key={key} className={error ? 'invalid' : ''}>
                    {editing ? (
                      <input
                        id={inputId(path)}
                        value={c[key]}
                        placeholder={placeholder}
                        aria-label={`联系人${i + 1}${label}`}
                        aria-invalid={!!error}
                        aria-describedby={error ? `${inputId(path)}-err` : undefined}
                        onChange={(e) => update(i, { [key]: e.target.value })}
                        onBlur={key === 'mobile' ? onMobileBlur : undefined}
                      />
                    ) : (
                      <span className={key === 'mobile' || key === 'phone' ? 'cx-mono' : ''}>{c[key] || '—'}</span>
                    )}
                    {error && (
                      <div className="cx-field-error" id={`${inputId(path)}-err`}>
                        {error}
                      </div>
                    )}
                  </td>
                );
              };
              return (
                <tr key={c.key} id={inputId(`contacts.${i}`)} tabIndex={rowError ? -1 : undefined} className={rowError ? 'invalid' : ''}>
                  <td className="muted">{i + 1}</td>
                  {COLUMNS.slice(0, 4).map((col) => cell(col.key, col.placeholder))}
                  <td className="center">
                    {editing ? (
                      <input
                        type="checkbox"
                        checked={c.isDecisionMaker}
                        aria-label={`联系人${i + 1}是决策人`}
                        onChange={(e) => update(i, { isDecisionMaker: e.target.checked })}
                      />
                    ) : c.isDecisionMaker ? (
                      '是'
                    ) : (
                      ''
                    )}
                  </td>
                  {COLUMNS.slice(4).map((col) => cell(col.key, col.placeholder))}
                  {editing && (
                    <td>
                      <button type="button" className="link danger" onClick={() => remove(i)} aria-label={`删除联系人${i + 1}`}>
                        删除
                      </button>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {Object.entries(errors)
        .filter(([k]) => /^contacts\.\d+$/.test(k) || k === 'contacts')
        .map(([k, m]) => (
          <div key={k} className="cx-field-error">
            {m}
          </div>
        ))}
      {editing && (
        <button id="cx-add-contact" type="button" className="btn small" disabled={contacts.length >= MAX_CONTACTS} onClick={add}>
          ＋ 添加联系人
        </button>
      )}
    </div>
  );
}
