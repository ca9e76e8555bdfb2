import { createHash } from 'node:crypto';
import { normaliseHeader } from '../../../../shared/domain/headerMatch';
import type { ImportKind } from '../../../../shared/domain/imports';

/**
 * What a remembered layout belongs to: an import kind, or the contacts sheet of a customer
 * import (its own key, so a contacts header never offers a customer mapping).
 */
export type LayoutKind = ImportKind | 'customers:contacts';
export const CONTACTS_LAYOUT: LayoutKind = 'customers:contacts';
import type { Db } from '../../db/connection';

/** Identity of a header layout: the normalised header texts in order (trailing blank columns ignored). */
export function layoutHash(headers: readonly string[]): string {
  const norm = headers.map(normaliseHeader);
  while (norm.length && norm[norm.length - 1] === '') norm.pop();
  return createHash('sha1').update(norm.join('\u001f')).digest('hex');
}

/** The mapping confirmed last time for this layout, if its length still fits. */
export function rememberedMapping(db: Db, kind: LayoutKind, hash: string, columns: number): (string | null)[] | null {
  const row = db.prepare('SELECT mapping FROM import_layouts WHERE kind = ? AND hash = ?').get(kind, hash) as { mapping: string } | undefined;
  if (!row) return null;
  try {
    const mapping = JSON.parse(row.mapping) as (string | null)[];
    if (!Array.isArray(mapping)) return null;
    return Array.from({ length: columns }, (_, i) => (typeof mapping[i] === 'string' ? mapping[i] : null));
  } catch {
    return null;
  }
}

export function rememberMapping(db: Db, kind: LayoutKind, headers: readonly string[], mapping: readonly (string | null)[], userId: number, at: string): void {
  db.prepare(
    `INSERT INTO import_layouts (kind, hash, headers, mapping, user_id, used_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (kind, hash) DO UPDATE SET mapping = excluded.mapping, headers = excluded.headers, user_id = excluded.user_id, used_at = excluded.used_at`,
  ).run(kind, layoutHash(headers), JSON.stringify(headers), JSON.stringify(mapping), userId, at);
}
