import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { NO_PDF_RENDERER_MESSAGE, type PdfRenderer } from './renderer';

/** Where a Chromium-family browser usually is: BRANCHDESK_CHROMIUM first, then Linux, Windows (Edge ships with Windows 10/11), macOS. */
export function chromiumCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  const pf = env['ProgramFiles'] ?? 'C:\\Program Files';
  const pf86 = env['ProgramFiles(x86)'] ?? 'C:\\Program Files (x86)';
  const local = env['LOCALAPPDATA'];
  return [
    env.BRANCHDESK_CHROMIUM,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/microsoft-edge',
    `${pf86}\\Microsoft\\Edge\\Application\\msedge.exe`,
    `${pf}\\Microsoft\\Edge\\Application\\msedge.exe`,
    `${pf}\\Google\\Chrome\\Application\\chrome.exe`,
    `${pf86}\\Google\\Chrome\\Application\\chrome.exe`,
    local ? `${local}\\Google\\Chrome\\Application\\chrome.exe` : undefined,
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  ].filter((p): p is string => !!p);
}

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.BRANCHDESK_CHROMIUM) return existsSync(env.BRANCHDESK_CHROMIUM) ? env.BRANCHDESK_CHROMIUM : null;
  return chromiumCandidates(env).find((p) => existsSync(p)) ?? null;
}

const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * PDFs from the system browser through playwright-core: the browser starts on the first
 * render and stays for the next ones (a batch prints many); `close()` ends it. Pages
 * load no network resources: a form is one self-contained document.
 */
export class ChromiumPdfRenderer implements PdfRenderer {
  private browser: Promise<Browser> | null = null;

  constructor(private readonly executablePath: string) {}

  private launch(): Promise<Browser> {
    this.browser ??= chromium.launch({ executablePath: this.executablePath, args: FLAGS, headless: true }).catch((e: unknown) => {
      this.browser = null;
      throw e;
    });
    return this.browser;
  }

  async render(html: string): Promise<Buffer> {
    const browser = await this.launch();
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
      await page.setContent(html, { waitUntil: 'load' });
      await page.emulateMedia({ media: 'print' });
      return await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
    } finally {
      await context.close();
    }
  }

  async close(): Promise<void> {
    const b = this.browser;
    this.browser = null;
    if (b) await (await b).close().catch(() => undefined);
  }
}

/** The renderer for this machine, or null (the core then answers NO_PDF_RENDERER_MESSAGE). */
export function systemPdfRenderer(env: NodeJS.ProcessEnv = process.env): PdfRenderer | null {
  const exe = findChromium(env);
  return exe ? new ChromiumPdfRenderer(exe) : null;
}

export { NO_PDF_RENDERER_MESSAGE };
