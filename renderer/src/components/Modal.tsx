import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import './forms.css';

// Open overlays, innermost last: Esc closes only the top one (a confirm over an edit
// dialog, a dialog under the lock screen).
const layers: symbol[] = [];

/** Registers an overlay layer; `onEscape` runs when Esc is pressed and this layer is on top. */
export function useLayer(onEscape?: () => void): void {
  const escape = useRef(onEscape);
  escape.current = onEscape;
  useEffect(() => {
    const me = Symbol('layer');
    layers.push(me);
    const onKey = (e: KeyboardEvent) => {
      // Esc during Chinese IME composition only cancels the composition.
      if (e.key !== 'Escape' || e.isComposing || layers[layers.length - 1] !== me) return;
      if (!escape.current) return;
      e.preventDefault();
      e.stopPropagation();
      escape.current();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      const i = layers.indexOf(me);
      if (i >= 0) layers.splice(i, 1);
    };
  }, []);
}

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Where focus goes when nothing inside asked for it: the first field, else the main button. */
function focusFirst(el: HTMLElement): void {
  const target =
    el.querySelector<HTMLElement>('input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled])') ??
    el.querySelector<HTMLElement>('button[type="submit"]:not([disabled])') ??
    el;
  target.focus();
}

/** Keeps Tab inside `root`, puts the focus inside on open and gives it back to the opener on close. */
export function useFocusTrap(root: RefObject<HTMLElement | null>): void {
  // Read while rendering, before React focuses an autoFocus field inside: that is the opener.
  const [opener] = useState(() => document.activeElement as HTMLElement | null);
  useEffect(() => {
    const el = root.current;
    if (!el) return;
    // React has already honoured autoFocus by now; only fall back when nothing inside has focus.
    if (!el.contains(document.activeElement)) focusFirst(el);
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Tab') return;
      const items = Array.from(el.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((x) => x.offsetParent !== null);
      if (!items.length) return;
      const first = items[0];
      const last = items[items.length - 1];
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    };
    el.addEventListener('keydown', onKey);
    return () => {
      el.removeEventListener('keydown', onKey);
      // Next tick: StrictMode re-runs effects on the same DOM, and only a real close removes it.
      window.setTimeout(() => {
        if (!el.isConnected && opener?.isConnected) opener.focus();
      }, 0);
    };
  }, [root, opener]);
}

export interface ModalProps {
  title: ReactNode;
  /** Esc, the × button and the footer's cancel all end here. */
  onClose: () => void;
  /** When given, body and footer are one <form>: Enter in any field submits. */
  onSubmit?: () => void;
  footer?: ReactNode;
  /** Pixel width of the dialog; forms are compact, 480 fits two-column labels. */
  width?: number;
  /** While saving, Esc and × do nothing so a half-sent request is not abandoned. */
  busy?: boolean;
  className?: string;
  children?: ReactNode;
}

export function Modal({ title, onClose, onSubmit, footer, width = 480, busy, className, children }: ModalProps) {
  const titleId = useId();
  const dialog = useRef<HTMLDivElement>(null);
  useLayer(busy ? undefined : onClose);
  useFocusTrap(dialog);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    // React events bubble along the component tree, through portals: a confirm dialog
    // opened from inside this form must not submit this form too.
    e.stopPropagation();
    if (!busy) onSubmit?.();
  };
  const inner = (
    <>
      <div className="modal-body">{children}</div>
      {footer ? <div className="modal-footer">{footer}</div> : null}
    </>
  );
  return createPortal(
    <div className="modal-backdrop">
      <div
        ref={dialog}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        className={`modal${className ? ` ${className}` : ''}`}
        style={{ width }}
      >
        <div className="modal-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="modal-close" aria-label="关闭" title="关闭（Esc）" disabled={busy} onClick={onClose}>
            ×
          </button>
        </div>
        {onSubmit ? (
          <form onSubmit={submit} noValidate>
            {inner}
          </form>
        ) : (
          inner
        )}
      </div>
    </div>,
    document.body,
  );
}
