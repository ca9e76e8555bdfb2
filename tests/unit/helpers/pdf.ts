import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '../../../electron/core/app';
import type { PdfRenderer } from '../../../electron/core/pdf/renderer';
import type { FileChunk } from '../../../shared/domain/jobs';
import { call, expectOk } from './core';

/** What poppler says about a PDF: page count, page size in points, and each page's text (layout kept). */
export interface PdfFacts {
  pages: number;
  width: number;
  height: number;
  pageTexts: string[];
}

export function pdfFacts(pdf: Buffer): PdfFacts {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'branchdesk-pdf-'));
  try {
    const file = path.join(dir, 'f.pdf');
    writeFileSync(file, pdf);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
    const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    // pdftotext ends every page with a form feed.
    const pageTexts = text.split('\f').slice(0, pages);
    return { pages, width: Math.round(Number(size?.[1])), height: Math.round(Number(size?.[2])), pageTexts };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A PDF the core made, fetched piece by piece as the hosts do. */
export async function downloadPdf(core: Core, token: string, fileId: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  let offset: number | null = 0;
  while (offset !== null) {
    const chunk: FileChunk = expectOk(await call(core, token, 'print.download', { fileId, offset }));
    parts.push(Buffer.from(chunk.data, 'base64'));
    offset = chunk.nextOffset;
  }
  return Buffer.concat(parts);
}

/**
 * For tests of what the core records around a print (numbers, rows, returns), not of
 * the PDF itself: keeps the HTML it was given and answers a one-page stand-in.
 */
export class RecordingPdfRenderer implements PdfRenderer {
  readonly documents: string[] = [];
  fail = false;

  render(html: string): Promise<Buffer> {
    this.documents.push(html);
    if (this.fail) return Promise.reject(new Error('browser crashed'));
    return Promise.resolve(Buffer.from('%PDF-1.4\n1 0 obj << /Type /Pages /Count 1 /Kids [] >> endobj\n%%EOF\n', 'latin1'));
  }
}
