import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// scrypt with N=2^15, r=8, p=1 (~50–100 ms on an office PC): slow enough to make
// guessing expensive, fast enough for a login. Parameters travel with the hash so
// they can be raised later without breaking existing accounts.
/** The production cost (scrypt N). Every host uses it unless a test asks for less (CoreOptions.passwordCost). */
export const PASSWORD_COST = 1 << 15;
/** The lowest cost accepted anywhere: tests hash at this cost (about 1 ms instead of 50–100 ms, up to seconds on a busy machine). */
export const MIN_PASSWORD_COST = 1 << 10;
const MAX_PASSWORD_COST = 1 << 20;
const R = 8;
const P = 1;
const KEYLEN = 32;

function scrypt(pw: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(pw, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** Returns `cost` if it is a power of two from MIN_PASSWORD_COST to 2^20; throws otherwise. */
export function checkPasswordCost(cost: number): number {
  if (!Number.isInteger(cost) || cost < MIN_PASSWORD_COST || cost > MAX_PASSWORD_COST || (cost & (cost - 1)) !== 0) {
    throw new Error(`password cost must be a power of two from ${MIN_PASSWORD_COST} to ${MAX_PASSWORD_COST}, got ${cost}`);
  }
  return cost;
}

export async function hashPassword(password: string, cost: number = PASSWORD_COST): Promise<string> {
  const N = checkPasswordCost(cost);
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize('NFKC'), salt, KEYLEN, { N, r: R, p: P, maxmem: 128 * N * R * 2 });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** A hash no password matches, at `cost`: verified against when the user name is unknown, so that costs as long as a wrong password. */
export function dummyHash(cost: number = PASSWORD_COST): string {
  return `scrypt$${cost}$${R}$${P}$${'A'.repeat(22)}==$${'A'.repeat(43)}=`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, saltB64, keyB64] = stored.split('$');
  if (scheme !== 'scrypt' || !saltB64 || !keyB64) return false;
  const expected = Buffer.from(keyB64, 'base64');
  const N2 = Number(n);
  const R2 = Number(r);
  const key = await scrypt(password.normalize('NFKC'), Buffer.from(saltB64, 'base64'), expected.length, {
    N: N2,
    r: R2,
    p: Number(p),
    maxmem: 128 * N2 * R2 * 2,
  });
  return timingSafeEqual(key, expected);
}

/**
 * TEST ONLY. The CLI and the web host read this variable so that tests which start them as child
 * processes can hash at MIN_PASSWORD_COST instead of the production cost; the desktop app never
 * reads it. A lower cost makes a stolen database cheaper to guess against, and the hashes it writes
 * keep that cost until the password changes, so the variable is honoured only inside a test run
 * (VITEST set, or NODE_ENV=test: vitest sets both and children inherit them) and never below
 * MIN_PASSWORD_COST. Set anywhere else it is ignored with a warning, so a variable left in a shell
 * profile or a copied script cannot weaken real accounts on its own.
 */
export const TEST_PASSWORD_COST_ENV = 'BRANCHDESK_TEST_PASSWORD_COST';

/** The cost asked for by TEST_PASSWORD_COST_ENV inside a test run, else undefined (the production cost). */
export function passwordCostFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  warn: (message: string) => void = (m) => console.warn(m),
): number | undefined {
  const raw = env[TEST_PASSWORD_COST_ENV];
  if (raw === undefined || raw === '') return undefined;
  if (!env.VITEST && env.NODE_ENV !== 'test') {
    warn(`${TEST_PASSWORD_COST_ENV} 只用于自动测试，已忽略（密码仍按正常强度保存）`);
    return undefined;
  }
  return checkPasswordCost(Number(raw));
}
