import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BrowserWindow } from 'electron';
import type { PdfRenderer } from '../core/pdf/renderer';

/**
 * The app's PDF renderer: a hidden window loads the form and `printToPDF` makes the
 * file. A4 is asked for explicitly (Electron's default is Letter) and the form's
 * @page size wins (`preferCSSPageSize`), which is also how landscape is chosen. The
 * form is a local file, not a data: URL, so a 500-row book is not cut by URL limits;
 * the window runs no script and is destroyed after each PDF.
 */
export class ElectronPdfRenderer implements PdfRenderer {
  async render(html: string): Promise<Buffer> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'branchdesk-print-'));
    const file = path.join(dir, 'form.html');
    writeFileSync(file, html, 'utf8');
    const win = new BrowserWindow({ show: false, webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false } });
    try {
      await win.loadFile(file);
      return await win.webContents.printToPDF({ pageSize: 'A4', preferCSSPageSize: true, printBackground: true });
    } finally {
      win.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
