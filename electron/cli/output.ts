import type { CliError } from './errors';

/**
 * East Asian wide characters take two terminal columns; without this a table of
 * Chinese names is ragged. Covers CJK, Hangul, full-width forms and CJK punctuation.
 */
function charWidth(cp: number): number {
  if (cp < 0x1100) return 1;
  if (
    cp <= 0x115f ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch.codePointAt(0)!);
  return w;
}

/** Cuts to `max` columns, marking the cut with …, so one long address cannot stretch the table. */
export function truncate(s: string, max: number): string {
  if (displayWidth(s) <= max) return s;
  let out = '';
  let w = 0;
  for (const ch of s) {
    const cw = charWidth(ch.codePointAt(0)!);
    if (w + cw > max - 1) break;
    out += ch;
    w += cw;
  }
  return `${out}…`;
}

function padEnd(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

export interface Column<T> {
  title: string;
  value: (row: T) => string;
  /** Column cap in terminal columns (CJK counts double). */
  max?: number;
  align?: 'right';
}

export function table<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const cells = rows.map((r) => columns.map((c) => truncate(c.value(r).replace(/\s+/g, ' '), c.max ?? 40)));
  const widths = columns.map((c, i) => Math.max(displayWidth(c.title), ...cells.map((row) => displayWidth(row[i]))));
  const line = (values: string[]) =>
    values
      .map((v, i) => (columns[i].align === 'right' ? ' '.repeat(widths[i] - displayWidth(v)) + v : padEnd(v, widths[i])))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.title)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/** `label：value` lines with the labels aligned; empty values are left out. */
export function fieldList(pairs: readonly (readonly [string, string])[], indent = '  '): string {
  const shown = pairs.filter(([, v]) => v !== '');
  const width = Math.max(0, ...shown.map(([k]) => displayWidth(k)));
  return shown.map(([k, v]) => `${indent}${padEnd(`${k}：`, width + 2)}${v}`).join('\n');
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printText(text: string): void {
  if (text) process.stdout.write(`${text}\n`);
}

/** Progress goes to stderr so `--json` output on stdout stays parseable. */
export function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}

/**
 * Every failure: a Chinese line on stderr (what a person reads) and, with --json,
 * the API's own error shape on stdout (what a script reads).
 */
export function printError(err: CliError, json: boolean): void {
  process.stderr.write(`错误：${err.error.message}\n`);
  if (json) printJson({ ok: false, error: err.error });
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} 秒`;
}
