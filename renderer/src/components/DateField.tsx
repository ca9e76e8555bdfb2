import { useEffect, useRef, useState, type InputHTMLAttributes, type ReactNode } from 'react';
import { parseDate, parseVisitTime, toApiTime } from '../../../shared/domain/visitRules';
import { Field } from './Field';
import './forms.css';

type Attrs = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'type' | 'min' | 'max'>;

export interface DateInputProps extends Attrs {
  /** `YYYY-MM-DD`, '' or (in a form) what the user typed that is not a date yet. */
  value: string;
  /**
   * Called with `YYYY-MM-DD` as soon as the text is a date (20261207, 2026/12/7, 2026年12月7日 …),
   * '' when emptied, and otherwise with the raw text, so a form's check reports it instead of
   * silently keeping the old date; `onlyValid` (list filters) skips the raw text.
   */
  onChange: (value: string) => void;
  onlyValid?: boolean;
  /** Bounds for the picker. */
  min?: string;
  max?: string;
}

/**
 * A date typed the way people write it, always shown as 2026-12-07 whatever the
 * system locale (a native <input type="date"> shows mm/dd/yyyy on an English
 * Windows). The calendar button opens the browser's picker on a hidden native input,
 * whose own locale-dependent display is never seen.
 */
export function DateInput({ value, onChange, onlyValid, min, max, className, disabled, onBlur, onKeyDown, ...rest }: DateInputProps) {
  const [text, setText] = useState(value);
  const picker = useRef<HTMLInputElement>(null);
  // Follow the value when it changes from outside (reset, loaded record), not while typing the same date.
  useEffect(() => {
    setText((t) => (parseDate(t) === value || t === value ? t : value));
  }, [value]);
  const invalid = text.trim() !== '' && parseDate(text) === null;

  const take = (raw: string) => {
    setText(raw);
    const d = parseDate(raw);
    if (d) onChange(d);
    else if (!raw.trim()) onChange('');
    else if (!onlyValid) onChange(raw);
  };
  const normalise = () => {
    const d = parseDate(text);
    if (d && d !== text) setText(d);
  };

  return (
    <span className="date-input">
      <input
        {...rest}
        className={`input date-text${className ? ` ${className}` : ''}${invalid ? ' invalid' : ''}`}
        type="text"
        inputMode="numeric"
        placeholder="YYYY-MM-DD"
        autoComplete="off"
        maxLength={16}
        value={text}
        disabled={disabled}
        onChange={(e) => take(e.target.value)}
        onBlur={(e) => {
          normalise();
          onBlur?.(e);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') normalise();
          onKeyDown?.(e);
        }}
      />
      <button
        type="button"
        className="date-pick"
        tabIndex={-1}
        disabled={disabled}
        aria-label="打开日历"
        title="打开日历"
        onClick={() => {
          try {
            picker.current?.showPicker();
          } catch {
            // showPicker needs a user gesture and a visible-enough input; typing still works.
          }
        }}
      >
        {/* Drawn, not an emoji: office PCs often have no colour-emoji font. */}
        <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
          <rect x="1.5" y="2.5" width="11" height="10" rx="1" fill="none" stroke="currentColor" />
          <path d="M1.5 5.5h11M4.5 1v3M9.5 1v3" stroke="currentColor" />
        </svg>
      </button>
      <input
        ref={picker}
        className="date-native"
        type="date"
        tabIndex={-1}
        aria-hidden="true"
        min={min}
        max={max}
        value={parseDate(text) ?? ''}
        onChange={(e) => e.target.value && take(e.target.value)}
      />
    </span>
  );
}

export interface DateFieldProps extends Omit<DateInputProps, 'id'> {
  label: ReactNode;
  error?: string | null;
  hint?: ReactNode;
  fieldClassName?: string;
}

/** Label + DateInput + inline error: the drop-in for a TextField of type="date". */
export function DateField({ label, error, hint, fieldClassName, ...input }: DateFieldProps) {
  return (
    <Field label={label} error={error} hint={hint} className={fieldClassName}>
      <DateInput {...input} />
    </Field>
  );
}

export type DateTimeFieldProps = Omit<DateFieldProps, 'min' | 'max' | 'onlyValid'>;

/**
 * A date and time, `YYYY-MM-DDTHH:mm` in and out, shown as 2026-12-07 09:55;
 * typed as 2026/12/7 9:55, 20261207 0955 … (what parseVisitTime knows). Raw text
 * that is not a time yet goes to onChange unchanged, for the form's check to name.
 */
export function DateTimeField({ label, error, hint, fieldClassName, value, onChange, className, onBlur, ...rest }: DateTimeFieldProps) {
  const shown = (v: string) => v.replace('T', ' ');
  const [text, setText] = useState(shown(value));
  useEffect(() => {
    setText((t) => (toApiTime(parseVisitTime(t)) === value || t === shown(value) ? t : shown(value)));
  }, [value]);
  const parsed = parseVisitTime(text);
  return (
    <Field label={label} error={error} hint={hint} className={fieldClassName}>
      <input
        {...rest}
        className={`input date-time-text${className ? ` ${className}` : ''}${text.trim() && !parsed ? ' invalid' : ''}`}
        type="text"
        placeholder="YYYY-MM-DD HH:mm"
        autoComplete="off"
        maxLength={25}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          const p = parseVisitTime(e.target.value);
          onChange(p ? toApiTime(p) : e.target.value);
        }}
        onBlur={(e) => {
          if (parsed && parsed !== text) setText(parsed);
          onBlur?.(e);
        }}
      />
    </Field>
  );
}
