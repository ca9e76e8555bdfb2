const counts = new Intl.NumberFormat('zh-CN');

/**
 * 12,345 — row and record counts in messages. One formatter for the process:
 * `toLocaleString('zh-CN')` builds a new one per call (about 20 µs), and a job
 * formats its counts on every progress report.
 */
export function formatCount(n: number): string {
  return counts.format(n);
}


/** Display width of text in Excel columns: CJK and full-width characters count 2. */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    w += (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) || cp >= 0x20000 ? 2 : 1;
  }
  return w;
}