import { useCallback, useRef, useState, type ReactNode } from 'react';
import { Modal } from './Modal';

export interface ConfirmOptions {
  title: string;
  message: ReactNode;
  /** Text of the confirming button, e.g. 停用 / 删除 (say what happens, not just 确定). */
  confirmLabel?: string;
  cancelLabel?: string;
  /** Red confirming button for actions that take something away. */
  danger?: boolean;
}

export interface ConfirmDialogProps extends ConfirmOptions {
  onConfirm: () => void;
  onCancel: () => void;
}

/** A small yes/no dialog (window.confirm is blocked in the app and looks foreign anyway). */
export function ConfirmDialog({ title, message, confirmLabel = '确定', cancelLabel = '取消', danger, onConfirm, onCancel }: ConfirmDialogProps) {
  return (
    <Modal
      title={title}
      width={400}
      onClose={onCancel}
      onSubmit={onConfirm}
      className="confirm-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={onCancel}>
            {cancelLabel}
          </button>
          {/* Focused so Enter confirms and Esc cancels: the whole decision stays on the keyboard. */}
          <button type="submit" className={`btn ${danger ? 'danger' : 'primary'}`} autoFocus>
            {confirmLabel}
          </button>
        </>
      }
    >
      <div className="confirm-message">{message}</div>
    </Modal>
  );
}

/**
 * `const [dialog, confirm] = useConfirm();` then `if (await confirm({...})) …` and
 * render `{dialog}` somewhere in the page.
 */
export function useConfirm(): [ReactNode, (options: ConfirmOptions) => Promise<boolean>] {
  const [options, setOptions] = useState<ConfirmOptions | null>(null);
  const resolver = useRef<((ok: boolean) => void) | null>(null);

  const confirm = useCallback((next: ConfirmOptions) => {
    resolver.current?.(false);
    setOptions(next);
    return new Promise<boolean>((resolve) => {
      resolver.current = resolve;
    });
  }, []);

  const finish = (ok: boolean) => {
    resolver.current?.(ok);
    resolver.current = null;
    setOptions(null);
  };

  const dialog = options ? <ConfirmDialog {...options} onConfirm={() => finish(true)} onCancel={() => finish(false)} /> : null;
  return [dialog, confirm];
}
