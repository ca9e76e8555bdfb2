import { useState } from 'react';
import type { PrintResult } from '../../../shared/domain/sheets';
import { errorMessage } from '../api/client';
import { PrintPreview } from './PrintPreview';

/**
 * A button that opens the print preview of a form: `load('html')` gives the pages shown,
 * `load('pdf')` the host's A4 PDF for 另存为 PDF. A refusal (scope, nothing to print)
 * is shown through `onError` by the screen that owns the button.
 */
export function PrintButton({
  label,
  title,
  hint,
  load,
  onError,
  disabled,
  className = 'btn',
}: {
  label: string;
  /** The preview's title: the form's name. */
  title: string;
  hint?: string;
  load: (output: 'html' | 'pdf') => Promise<PrintResult>;
  onError: (message: string | null) => void;
  disabled?: boolean;
  className?: string;
}) {
  const [html, setHtml] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const open = async () => {
    setBusy(true);
    onError(null);
    try {
      setHtml((await load('html')).html);
    } catch (e) {
      onError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className={className} disabled={disabled || busy} title={hint} onClick={() => void open()}>
        {busy ? '正在准备…' : label}
      </button>
      {html !== null && <PrintPreview title={title} html={html} onClose={() => setHtml(null)} makePdf={() => load('pdf')} />}
    </>
  );
}
