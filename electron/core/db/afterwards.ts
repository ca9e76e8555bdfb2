/**
 * Runs `work`, then `cleanup` once the work is over: at once when it returns a value
 * or throws, when it settles when it returns a promise (a pipelined import holds its
 * transaction across awaits). The work's value or error passes through unchanged.
 */
export function afterwards<T>(work: () => T, cleanup: () => void): T {
  let out: T;
  try {
    out = work();
  } catch (e) {
    cleanup();
    throw e;
  }
  if (out instanceof Promise) return out.finally(cleanup) as T;
  cleanup();
  return out;
}
