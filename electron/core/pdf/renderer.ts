/**
 * Turning a form's HTML into an A4 PDF is a service the host hands to the core: the
 * Electron app renders in a hidden window (`webContents.printToPDF`), the web host, the
 * CLI and the tests drive the system's Chromium or Edge (`./chromium.ts`). The core
 * only knows this interface, so it never imports Electron or a browser driver.
 */
export interface PdfRenderer {
  /** The finished PDF of a complete HTML document whose @page rules set size and margins. */
  render(html: string): Promise<Buffer>;
  close?(): Promise<void>;
}

export const NO_PDF_RENDERER_MESSAGE =
  '本机没有可用于生成 PDF 的浏览器（Chromium、Microsoft Edge 或 Chrome）。请安装 Microsoft Edge，或设置环境变量 BRANCHDESK_CHROMIUM 指向浏览器程序后重试；也可以在预览中直接打印。';

/** Pages of a PDF as its page tree's root counts them (Chromium writes one /Pages root with /Count). */
export function pdfPageCount(pdf: Buffer): number {
  const text = pdf.toString('latin1');
  let max = 0;
  for (const m of text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g)) {
    max = Math.max(max, Number(m[1] ?? m[2]));
  }
  return max;
}
