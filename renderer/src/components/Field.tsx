import { cloneElement, isValidElement, useId, type InputHTMLAttributes, type ReactElement, type ReactNode } from 'react';
import './forms.css';

interface ControlProps {
  id?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

export interface FieldProps {
  label: ReactNode;
  /** Inline error under the control; also marks the control aria-invalid. */
  error?: string | null;
  /** Short help text under the control (hidden while an error shows, so the line does not jump twice). */
  hint?: ReactNode;
  className?: string;
  /** Exactly one form control: it receives the id the label points at. */
  children: ReactElement<ControlProps>;
}

/**
 * Label + control + inline error. The label is a real <label for>, so screen readers
 * and tests find the control by its Chinese name (getByLabel('密码')).
 */
export function Field({ label, error, hint, className, children }: FieldProps) {
  const autoId = useId();
  const id = (isValidElement(children) && children.props.id) || autoId;
  const noteId = `${id}-note`;
  const note = error ? (
    <div id={noteId} className="field-error">
      {error}
    </div>
  ) : hint ? (
    <div id={noteId} className="field-hint">
      {hint}
    </div>
  ) : null;
  const control = cloneElement(children, {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': note ? noteId : undefined,
  });
  return (
    <div className={`field${error ? ' has-error' : ''}${className ? ` ${className}` : ''}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <div className="field-body">
        {control}
        {note}
      </div>
    </div>
  );
}

type InputAttrs = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'id'>;

export interface TextFieldProps extends InputAttrs {
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  error?: string | null;
  hint?: ReactNode;
  fieldClassName?: string;
}

/** The common case: a text-like <input> whose value is a string. */
export function TextField({ label, value, onChange, error, hint, fieldClassName, className, ...rest }: TextFieldProps) {
  return (
    <Field label={label} error={error} hint={hint} className={fieldClassName}>
      <input
        className={`input${className ? ` ${className}` : ''}`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...rest}
      />
    </Field>
  );
}

export interface SelectOption<V extends string> {
  value: V;
  label: string;
  disabled?: boolean;
}

export interface SelectFieldProps<V extends string> {
  label: ReactNode;
  value: V;
  onChange: (value: V) => void;
  options: readonly SelectOption<V>[];
  error?: string | null;
  hint?: ReactNode;
  disabled?: boolean;
  autoFocus?: boolean;
  fieldClassName?: string;
}

export function SelectField<V extends string>({
  label,
  value,
  onChange,
  options,
  error,
  hint,
  disabled,
  autoFocus,
  fieldClassName,
}: SelectFieldProps<V>) {
  return (
    <Field label={label} error={error} hint={hint} className={fieldClassName}>
      <select className="input" value={value} disabled={disabled} autoFocus={autoFocus} onChange={(e) => onChange(e.target.value as V)}>
        {options.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

export interface CheckboxFieldProps {
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
  hint?: ReactNode;
  error?: string | null;
}

/** A checkbox with its text on the right, aligned with the other controls of a form. */
export function CheckboxField({ label, checked, onChange, disabled, hint, error }: CheckboxFieldProps) {
  const id = useId();
  return (
    <div className={`field field-check${error ? ' has-error' : ''}`}>
      <span className="field-label" aria-hidden="true" />
      <div className="field-body">
        <label className="check" htmlFor={id}>
          <input id={id} type="checkbox" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
          <span>{label}</span>
        </label>
        {error ? <div className="field-error">{error}</div> : hint ? <div className="field-hint">{hint}</div> : null}
      </div>
    </div>
  );
}
