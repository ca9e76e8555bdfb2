import { useRef, useState } from 'react';
import type { FileChunk } from '../../../shared/domain/jobs';
import type { PrintResult } from '../../../shared/domain/sheets';
import { errorMessage, invoke } from '../api/client';
import { FormError, FormNotice } from './FormError';
import { Modal } from './Modal';

/** Fetches a PDF the host made, in pieces, and hands it to the browser as a download. */
export async function downloadPdf(r: PrintResult): Promise<void> {
  const parts: Uint8Array[] = [];
  let offset: number | null = 0;
  while (offset !== null) {
    const chunk: FileChunk = await invoke('print.download', { fileId: r.fileId!, offset });
    parts.push(Uint8Array.from(atob(chunk.data), (c) => c.charCodeAt(0)));
    offset = chunk.nextOffset;
  }
  const url = URL.createObjectURL(new Blob(parts as BlobPart[], { type: 'application/pdf' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = r.fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * The real pages of a form (the same HTML the PDF is made from) in a frame; 打印 goes
 * through the system print dialog of the frame, 另存为 PDF asks the host for the A4 PDF
 * (for a sign-in book that is the moment it gets its number).
 */
export function PrintPreview({ title, html, makePdf, onClose }: { title: string; html: string; makePdf: () => Promise<PrintResult>; onClose: () => void }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  /** The page is drawn at its paper width (297 mm landscape): on screen it is scaled to fit the frame, never for print. */
  const fit = () => {
    const doc = frame.current?.contentDocument;
    const sheet = doc?.querySelector<HTMLElement>('.screen-page');
    if (!doc || !sheet || !frame.current) return;
    const scale = Math.min(1, (frame.current.clientWidth - 24) / sheet.offsetWidth);
    let style = doc.getElementById('preview-fit');
    if (!style) {
      style = doc.createElement('style');
      style.id = 'preview-fit';
      doc.head.append(style);
    }
    style.textContent = `@media screen { .screen-page { zoom: ${scale.toFixed(3)}; } }`;
  };
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await makePdf();
      await downloadPdf(r);
      setNotice(`已生成 PDF：${r.fileName}（${r.pages ?? '?'} 页）${r.sheets.length ? `，签到簿编号 ${r.sheets.map((s) => s.sheetNo).join('、')}` : ''}`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      title={title}
      onClose={onClose}
      busy={busy}
      width={1100}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            关闭
          </button>
          <button type="button" className="btn" onClick={() => frame.current?.contentWindow?.print()} disabled={busy}>
            打印
          </button>
          <button type="button" className="btn primary" onClick={() => void save()} disabled={busy}>
            {busy ? '正在生成…' : '另存为 PDF'}
          </button>
        </>
      }
    >
      <FormNotice kind="success">{notice}</FormNotice>
      <FormError message={error} />
      <iframe ref={frame} title="打印预览" srcDoc={html} onLoad={fit} sandbox="allow-modals allow-same-origin" style={{ width: '100%', height: '65vh', border: '1px solid #ccc' }} />
    </Modal>
  );
}
