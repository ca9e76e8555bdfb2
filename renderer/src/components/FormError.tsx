import type { ReactNode } from 'react';
import type { ApiError } from '../../../shared/api/result';
import { labelForPath } from '../../../shared/domain/labels';
import { ApiFailure, errorMessage } from '../api/client';
import './forms.css';

/** The form-level error: role="alert" so it is read out at once and tests can find it. */
export function FormError({ message, className }: { message?: string | null; className?: string }) {
  if (!message) return null;
  return (
    <div role="alert" className={`form-error${className ? ` ${className}` : ''}`}>
      {message}
    </div>
  );
}

/** A success or information line (role="status": announced politely, never confused with the alert). */
export function FormNotice({ kind = 'info', children }: { kind?: 'info' | 'success'; children?: ReactNode }) {
  if (!children) return null;
  return (
    <div role="status" className={`form-notice ${kind}`}>
      {children}
    </div>
  );
}

export interface SplitError<F extends string> {
  /** Messages to show under the matching controls. */
  fields: Partial<Record<F, string>>;
  /** Whatever no control on this form can show (or a non-field error). */
  message: string | null;
}

/**
 * Spreads an API error over a form: field problems go under their controls, the rest
 * to the alert line. The core prefixes zod messages with the field's Chinese label
 * ("密码：密码至少8位"); under the control the label is already visible, so it is dropped.
 */
export function splitError<F extends string>(e: unknown, known: readonly F[]): SplitError<F> {
  if (!(e instanceof ApiFailure)) return { fields: {}, message: errorMessage(e) };
  return splitApiError(e.error, known);
}

export function splitApiError<F extends string>(error: ApiError, known: readonly F[]): SplitError<F> {
  const fields: Partial<Record<F, string>> = {};
  const rest: string[] = [];
  const problems = error.fields?.length ? error.fields : error.field ? [{ field: error.field, message: error.message }] : [];
  for (const p of problems) {
    const key = p.field as F;
    if (known.includes(key) && !fields[key]) fields[key] = stripLabel(p.field, p.message);
    else rest.push(p.message);
  }
  if (!problems.length) rest.push(error.message);
  return { fields, message: rest.length ? rest.join('；') : null };
}

function stripLabel(field: string, message: string): string {
  const path = field.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const prefix = `${labelForPath(path)}：`;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}
