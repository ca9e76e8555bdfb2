/** Measurement helpers shared by every bench case. */

/** Nearest-rank percentile (p in 0–1) of a sample; the figure a target is checked against. */
export function percentile(samples: readonly number[], p: number): number {
  if (!samples.length) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1];
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 0.5);
}

export interface Timing {
  samples: number[];
  p50: number;
  p95: number;
  max: number;
}

export function summarize(samples: number[]): Timing {
  return { samples, p50: median(samples), p95: percentile(samples, 0.95), max: Math.max(...samples) };
}

/**
 * Runs `fn(i)` for `warmup` rounds unmeasured (statement preparation, page cache,
 * a first ANALYZE all belong to the first call, not to the steady state a user
 * feels), then `iterations` measured rounds with varied inputs chosen by `i`.
 */
export async function measure(iterations: number, warmup: number, fn: (i: number) => unknown): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn(iterations + i);
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    await fn(i);
    samples.push(performance.now() - t0);
  }
  return summarize(samples);
}

/** One reported figure. `target` null = informational (seeding time): always passes. */
export interface BenchResult {
  case: string;
  value: number;
  unit: string;
  target: number | null;
  pass: boolean;
  /** Extra context for the text report (iterations, hit counts…); not part of the JSON. */
  detail?: string;
}

export function result(name: string, value: number, unit: string, target: number | null, detail?: string): BenchResult {
  const rounded = Math.round(value * 10) / 10;
  return { case: name, value: rounded, unit, target, pass: target === null || value < target, detail };
}
