/**
 * What every printed form shares: HTML escaping, the CJK font stack, and the page
 * frame (A4, the branch name and print time at the top, 第 N 页 共 M 页 at the
 * bottom, drawn by Chromium's @page margin boxes on every page). Pure strings: the
 * renderer's preview and the host's PDF print the very same document.
 */

/** Windows first (微软雅黑, 宋体), then the Noto CJK fonts Linux has. */
export const FONT_STACK = `"Microsoft YaHei", "微软雅黑", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", SimSun, "宋体", sans-serif`;

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(v: string | number | null | undefined): string {
  return String(v ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** A CSS string literal (margin-box content): quotes, backslashes and line breaks escaped. */
export function cssString(v: string): string {
  return `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/[\r\n]+/g, ' ')}"`;
}

export interface PageFrame {
  /** Document title (the PDF's title, the preview tab). */
  title: string;
  branchName: string;
  /** `YYYY-MM-DD HH:mm` */
  printedAt: string;
  landscape?: boolean;
  /** Printed at the top right of every page (the sheet number of a sign-in book). */
  topRight?: string;
}

/** Page margins leave room for the margin boxes: 14 mm top and bottom, 10 mm at the sides. */
function pageCss(f: PageFrame): string {
  const box = `font-family: ${FONT_STACK}; font-size: 8.5pt; color: #333;`;
  return `
@page {
  size: A4 ${f.landscape ? 'landscape' : 'portrait'};
  margin: 14mm 10mm 14mm 10mm;
  @top-left { content: ${cssString(f.branchName)}; ${box} vertical-align: bottom; padding-bottom: 2mm; }
  @top-right { content: ${cssString(f.topRight ?? '')}; ${box} vertical-align: bottom; padding-bottom: 2mm; }
  @bottom-left { content: ${cssString(`打印时间：${f.printedAt}`)}; ${box} vertical-align: top; padding-top: 2mm; }
  @bottom-right { content: "第 " counter(page) " 页 共 " counter(pages) " 页"; ${box} vertical-align: top; padding-top: 2mm; }
}`;
}

/** Styles every form uses: tables with the header repeated on each page, rows kept whole, text wrapping. */
const BASE_CSS = `
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: ${FONT_STACK}; font-size: 10pt; color: #000; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
h1 { font-size: 16pt; text-align: center; margin: 0 0 2mm; letter-spacing: 0.1em; }
table.grid { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.grid th, table.grid td { border: 0.3mm solid #000; padding: 1mm 1.2mm; vertical-align: middle; overflow-wrap: anywhere; word-break: break-word; }
table.grid th { font-weight: bold; background: #eee; text-align: center; }
table.grid thead { display: table-header-group; }
table.grid tr { break-inside: avoid; page-break-inside: avoid; }
.meta { display: flex; justify-content: space-between; align-items: flex-end; gap: 4mm; margin-bottom: 2mm; font-size: 9.5pt; }
.meta span { white-space: nowrap; }
.muted { color: #555; }
.c { text-align: center; }
.sheet-break { break-after: page; page-break-after: always; }
@media screen {
  body { background: #888; padding: 8px 0; }
  .screen-page { background: #fff; margin: 0 auto 8px; padding: 10mm; box-shadow: 0 1px 4px rgba(0,0,0,.4); }
}`;

/** A whole printable document. `css` is the form's own styles, `body` its markup. */
export function formDocument(f: PageFrame, css: string, body: string): string {
  const width = f.landscape ? '297mm' : '210mm';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(f.title)}</title>
<style>${pageCss(f)}${BASE_CSS}
@media screen { .screen-page { width: ${width}; } }
${css}</style></head>
<body><div class="screen-page">${body}</div></body></html>`;
}

/** `YYYY-MM-DD HH:mm` of a local Date. */
export function printTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
