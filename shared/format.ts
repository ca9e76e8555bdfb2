const counts = new Intl.NumberFormat('zh-CN');

/**
 * 12,345 — row and record counts in messages. One formatter for the process:
 * `toLocaleString('zh-CN')` builds a new one per call (about 20 µs), and a job
 * formats its counts on every progress report.
 */
export function formatCount(n: number): string {
  return counts.format(n);
}
