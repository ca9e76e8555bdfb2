import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tmpDir } from '../dataDir';
import { notFound } from '../errors';

/**
 * PDFs made for a user, kept in the data folder's tmp/print until fetched in pieces
 * (`print.download`) or swept with other leftovers. Only the user who made one may read it.
 */
interface Made {
  path: string;
  fileName: string;
  userId: number;
}

const made = new Map<string, Made>();
const KEEP = 50;

export function keepPdf(dataDir: string, userId: number, fileName: string, pdf: Buffer): string {
  const id = randomUUID();
  const dir = tmpDir(dataDir, 'print');
  mkdirSync(dir, { recursive: true });
  const p = path.join(dir, `${id}.pdf`);
  writeFileSync(p, pdf);
  made.set(id, { path: p, fileName, userId });
  // Old ones go first: a long session printing all day keeps only the latest.
  while (made.size > KEEP) {
    const [oldest, f] = made.entries().next().value as [string, Made];
    rmSync(f.path, { force: true });
    made.delete(oldest);
  }
  return id;
}

export function madePdf(fileId: string, userId: number): Made {
  const f = made.get(fileId);
  if (!f || f.userId !== userId) throw notFound('PDF 文件已过期或不存在，请重新生成');
  return f;
}
