import { useId, useState, type ReactNode } from 'react';
import { inputId } from './formModel';

/** What every control gets so the label, the message and screen readers line up. */
export interface ControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby'?: string;
  'aria-required'?: boolean;
}

interface ItemProps {
  /** Field path (`mobile`, `contacts.0.name`): names the input and finds its server message. */
  path: string;
  label: string;
  required?: boolean;
  /** Grid columns taken (of 3). */
  span?: 1 | 2 | 3;
  editing: boolean;
  error?: string;
  hint?: string;
  /** Shown in read-only mode; empty shows a dash. */
  display: ReactNode;
  control: (p: ControlProps) => ReactNode;
}

/** One labelled cell of the 3-column form grid: label right-aligned, message under the control. */
export function FormItem({ path, label, required, span = 1, editing, error, hint, display, control }: ItemProps) {
  const id = inputId(path);
  const errId = `${id}-err`;
  const hintId = `${id}-hint`;
  const describedBy = [error ? errId : '', hint && editing ? hintId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`cx-item span-${span}${error ? ' invalid' : ''}`}>
      <label className="cx-label" htmlFor={editing ? id : undefined} id={`${id}-label`}>
        {required && editing && (
          <span className="cx-req" aria-hidden="true">
            *
          </span>
        )}
        {label}
      </label>
      <div className="cx-control">
        {editing ? (
          control({ id, 'aria-invalid': !!error, 'aria-describedby': describedBy, ...(required ? { 'aria-required': true } : {}) })
        ) : (
          <div className="cx-value" aria-labelledby={`${id}-label`} role="group">
            {display === '' || display === null || display === undefined ? <span className="cx-empty-value">—</span> : display}
          </div>
        )}
        {hint && editing && !error && (
          <div className="cx-hint" id={hintId}>
            {hint}
          </div>
        )}
        {error && (
          <div className="cx-field-error" id={errId}>
            {error}
          </div>
        )}
      </div>
    </div>
  );
}

interface SectionProps {
  title: string;
  /** A section holding a field with a message is forced open, so the message can be seen and focused. */
  hasError?: boolean;
  extra?: ReactNode;
  children: ReactNode;
}

export function Section({ title, hasError, extra, children }: SectionProps) {
  const [collapsed, setCollapsed] = useState(false);
  const bodyId = useId();
  const open = !collapsed || !!hasError;
  return (
    <section className={open ? 'cx-section' : 'cx-section collapsed'}>
      <h2 className="cx-section-head">
        <button type="button" aria-expanded={open} aria-controls={bodyId} onClick={() => setCollapsed(open)}>
          <span className="cx-caret" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>
          {title}
        </button>
        {extra && <span className="cx-section-extra">{extra}</span>}
      </h2>
      <div className="cx-section-body" id={bodyId} hidden={!open}>
        {children}
      </div>
    </section>
  );
}

interface SelectProps extends ControlProps {
  value: string;
  options: { value: string; label: string }[];
  onChange: (v: string) => void;
  disabled?: boolean;
  /** Label of the empty choice; omit to force a choice. */
  empty?: string;
}

export function SelectInput({ value, options, onChange, empty, disabled, ...a11y }: SelectProps) {
  return (
    <select {...a11y} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
      {empty !== undefined && <option value="">{empty}</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

interface TagProps {
  id: string;
  value: string[];
  options: string[];
  onChange: (v: string[]) => void;
  labelledBy: string;
  invalid: boolean;
}

/**
 * 标签 as toggle chips: every choice is one Tab stop and Space toggles it,
 * which is quicker than a multi-select listbox for the handful of tags a branch keeps.
 */
export function TagPicker({ id, value, options, onChange, labelledBy, invalid }: TagProps) {
  const all = [...options, ...value.filter((t) => !options.includes(t))];
  if (!all.length) return <span className="muted">字典中还没有标签</span>;
  return (
    <div className="cx-tags" id={id} tabIndex={-1} role="group" aria-labelledby={labelledBy} aria-invalid={invalid}>
      {all.map((t) => {
        const on = value.includes(t);
        return (
          <button
            key={t}
            type="button"
            className={on ? 'cx-chip on' : 'cx-chip'}
            aria-pressed={on}
            onClick={() => onChange(on ? value.filter((x) => x !== t) : [...value, t])}
          >
            {t}
          </button>
        );
      })}
    </div>
  );
}
