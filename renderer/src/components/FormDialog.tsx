import type { ReactNode } from 'react';
import { FormError, FormNotice } from './FormError';
import { Modal } from './Modal';

export interface FormDialogProps {
  title: ReactNode;
  /** Esc, × and the cancel button; none of them works while busy. */
  onClose: () => void;
  /** Enter in a field and the submit button. */
  onSubmit: () => void;
  busy?: boolean;
  /** The alert line above the fields. */
  error?: string | null;
  /** An information line above the alert (what the action will do). */
  notice?: ReactNode;
  /** Say what happens: 保存, 创建, 添加, 确认删除… */
  submitLabel?: ReactNode;
  /** The submit button's text while busy (正在删除…); by default it keeps its label. */
  busyLabel?: ReactNode;
  /** null: no cancel button, for a dialog that only reports (Esc and × still close it). */
  cancelLabel?: ReactNode | null;
  /** Red submit button for actions that take something away. */
  danger?: boolean;
  /** Focus the submit button on open, for a dialog that only asks to go ahead. */
  submitAutoFocus?: boolean;
  width?: number;
  className?: string;
  children?: ReactNode;
}

/**
 * A dialog that is one form: fields, the error line above them, and 取消 + submit in the
 * footer. Both buttons are disabled while busy, so a request is neither sent twice nor
 * abandoned halfway.
 */
export function FormDialog({
  title,
  onClose,
  onSubmit,
  busy = false,
  error,
  notice,
  submitLabel = '保存',
  busyLabel,
  cancelLabel = '取消',
  danger,
  submitAutoFocus,
  width,
  className,
  children,
}: FormDialogProps) {
  const submit = (
    <button type="submit" className={`btn ${danger ? 'danger' : 'primary'}`} disabled={busy} autoFocus={submitAutoFocus}>
      {busy && busyLabel ? busyLabel : submitLabel}
    </button>
  );
  // A lone submit button is not the pair's second button: a dialog that turns into a report
  // (移交完成) gets a new one, so its autoFocus takes the focus.
  const footer =
    cancelLabel === null ? (
      submit
    ) : (
      <>
        <button type="button" className="btn" onClick={onClose} disabled={busy}>
          {cancelLabel}
        </button>
        {submit}
      </>
    );
  return (
    <Modal title={title} width={width} className={className} onClose={onClose} onSubmit={onSubmit} busy={busy} footer={footer}>
      {notice ? <FormNotice>{notice}</FormNotice> : null}
      <FormError message={error} />
      {children}
    </Modal>
  );
}
