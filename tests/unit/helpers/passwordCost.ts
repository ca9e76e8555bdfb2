import { MIN_PASSWORD_COST, TEST_PASSWORD_COST_ENV } from '../../../electron/core/auth/password';

/**
 * scrypt cost for tests: 2^10 instead of the production 2^15, so a hash or a login takes about a
 * millisecond rather than 50–100 ms (seconds on a busy 2-core machine). Stored hashes carry their
 * cost, so verification runs the same code; password.test.ts checks the production default.
 * Kept apart from core.ts so the CLI tests need not load the core to build a child's environment.
 */
export const TEST_PASSWORD_COST = MIN_PASSWORD_COST;

/** Environment for a CLI child process: the test password cost (honoured only inside a test run, see TEST_PASSWORD_COST_ENV). */
export function testChildEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, [TEST_PASSWORD_COST_ENV]: String(TEST_PASSWORD_COST), ...extra };
}
