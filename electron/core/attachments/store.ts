import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** `<dataDir>/attachments/<sha256[0..2]>/<sha256>`: content-addressed, so the same scan is stored once. */
export function attachmentPath(dataDir: string, sha256: string): string {
  return path.join(dataDir, 'attachments', sha256.slice(0, 2), sha256);
}

export function sha256Of(buf: Uint8Array): string {
  return createHash('sha256').update(buf).digest('hex');
}

/**
 * Writes the file unless the same content is already stored. Written to a temp
 * file in the same folder and renamed, so a crash or a full disk never leaves a
 * half-written file under a hash name that later reads would trust.
 */
export function storeAttachmentFile(dataDir: string, buf: Uint8Array): string {
  const sha256 = sha256Of(buf);
  const target = attachmentPath(dataDir, sha256);
  if (existsSync(target)) return sha256;
  mkdirSync(path.dirname(target), { recursive: true });
  const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    writeFileSync(temp, buf, { flag: 'wx' });
    renameSync(temp, target);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
  return sha256;
}

/** Removes a stored file (no record uses its content any more). */
export function removeAttachmentFile(dataDir: string, sha256: string): void {
  rmSync(attachmentPath(dataDir, sha256), { force: true });
}

export function readAttachmentFile(dataDir: string, sha256: string): Buffer | null {
  const file = attachmentPath(dataDir, sha256);
  return existsSync(file) ? readFileSync(file) : null;
}
