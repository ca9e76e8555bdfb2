import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../../../electron/core/app';
import {
  dummyHash,
  hashPassword,
  MIN_PASSWORD_COST,
  PASSWORD_COST,
  passwordCostFromEnv,
  TEST_PASSWORD_COST_ENV,
  verifyPassword,
} from '../../../../electron/core/auth/password';
import { ADMIN_NAME, ADMIN_PASSWORD, login, setupBranch } from '../../helpers/core';

// The other unit tests hash at the lowest cost (helpers/passwordCost.ts); these make sure that is a test setting only.
describe('password cost', () => {
  it('is N=2^15 for a core opened without the option (as the desktop app, CLI and web host open it)', async () => {
    expect(PASSWORD_COST).toBe(32768);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'branchdesk-password-'));
    const core = openCore({ dataDir: dir });
    try {
      expect(core.passwordCost).toBe(32768);
      await setupBranch(core);
      const { password_hash } = core.db.prepare('SELECT password_hash FROM users WHERE name = ?').get(ADMIN_NAME) as { password_hash: string };
      expect(password_hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
      await login(core, ADMIN_NAME, ADMIN_PASSWORD);
    } finally {
      core.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('hashPassword and the unknown-user hash default to the production cost', async () => {
    expect(await hashPassword('Admin#2024pw')).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(dummyHash()).toBe('scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
  });

  it('verifies a hash at whatever cost it was written with', async () => {
    const low = await hashPassword('Admin#2024pw', MIN_PASSWORD_COST);
    expect(low).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(await verifyPassword('Admin#2024pw', low)).toBe(true);
    expect(await verifyPassword('Admin#2024px', low)).toBe(false);
    expect(await verifyPassword('x', dummyHash(MIN_PASSWORD_COST))).toBe(false);
  });

  it('refuses a cost below 2^10 or not a power of two, in openCore too', async () => {
    await expect(hashPassword('Admin#2024pw', 512)).rejects.toThrow(/power of two/);
    await expect(hashPassword('Admin#2024pw', 3000)).rejects.toThrow(/power of two/);
    expect(() => openCore({ dataDir: path.join(os.tmpdir(), 'branchdesk-never-created'), passwordCost: 16 })).toThrow(/power of two/);
  });

  it(`honours ${TEST_PASSWORD_COST_ENV} only inside a test run, never below the floor`, () => {
    const warnings: string[] = [];
    const warn = (m: string) => warnings.push(m);
    expect(passwordCostFromEnv({}, warn)).toBeUndefined();
    expect(passwordCostFromEnv({ [TEST_PASSWORD_COST_ENV]: '1024', VITEST: 'true' }, warn)).toBe(MIN_PASSWORD_COST);
    expect(passwordCostFromEnv({ [TEST_PASSWORD_COST_ENV]: '1024', NODE_ENV: 'test' }, warn)).toBe(MIN_PASSWORD_COST);
    expect(warnings).toEqual([]);
    expect(passwordCostFromEnv({ [TEST_PASSWORD_COST_ENV]: '1024', NODE_ENV: 'production' }, warn)).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(() => passwordCostFromEnv({ [TEST_PASSWORD_COST_ENV]: '16', VITEST: 'true' }, warn)).toThrow(/power of two/);
  });
});
