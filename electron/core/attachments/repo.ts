import type { AttachmentInfo, AttachmentMime } from '../../../shared/domain/attachments';
import { prepared } from '../db/statements';
import type { Db } from '../db/connection';

export interface AttachmentRecord {
  id: number;
  sha256: string;
  original_name: string;
  mime: AttachmentMime;
  size: number;
  visit_id: number | null;
  complaint_id: number | null;
  created_at: string;
  created_by: number | null;
}

export type AttachmentOwner = { visitId: number } | { complaintId: number };

export function toAttachmentInfo(r: AttachmentRecord): AttachmentInfo {
  return { id: r.id, name: r.original_name, mime: r.mime, size: r.size, sha256: r.sha256, createdAt: r.created_at };
}

export function loadAttachment(db: Db, id: number): AttachmentRecord | null {
  return (prepared(db, 'SELECT * FROM attachments WHERE id = ? AND deleted_at IS NULL').get(id) as AttachmentRecord | undefined) ?? null;
}

export function attachmentsOf(db: Db, owner: AttachmentOwner): AttachmentInfo[] {
  const rows = (
    'visitId' in owner
      ? prepared(db, 'SELECT * FROM attachments WHERE visit_id = ? AND deleted_at IS NULL ORDER BY id').all(owner.visitId)
      : prepared(db, 'SELECT * FROM attachments WHERE complaint_id = ? AND deleted_at IS NULL ORDER BY id').all(owner.complaintId)
  ) as AttachmentRecord[];
  return rows.map(toAttachmentInfo);
}

/** The same file already attached to the same record (a double click, a re-sent upload). */
export function findSameAttachment(db: Db, owner: AttachmentOwner, sha256: string): AttachmentRecord | null {
  const row =
    'visitId' in owner
      ? prepared(db, 'SELECT * FROM attachments WHERE visit_id = ? AND sha256 = ? AND deleted_at IS NULL').get(owner.visitId, sha256)
      : prepared(db, 'SELECT * FROM attachments WHERE complaint_id = ? AND sha256 = ? AND deleted_at IS NULL').get(owner.complaintId, sha256);
  return (row as AttachmentRecord | undefined) ?? null;
}

export function insertAttachment(
  db: Db,
  a: { sha256: string; name: string; mime: AttachmentMime; size: number; owner: AttachmentOwner; at: string; userId: number },
): number {
  const r = prepared(
    db,
    `INSERT INTO attachments (sha256, original_name, mime, size, visit_id, complaint_id, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    a.sha256,
    a.name,
    a.mime,
    a.size,
    'visitId' in a.owner ? a.owner.visitId : null,
    'complaintId' in a.owner ? a.owner.complaintId : null,
    a.at,
    a.userId,
  );
  return Number(r.lastInsertRowid);
}

/** Whether any attachment still shown on a record has this content (files are stored once per content). */
export function attachmentContentInUse(db: Db, sha256: string): boolean {
  return prepared(db, 'SELECT 1 FROM attachments WHERE sha256 = ? AND deleted_at IS NULL LIMIT 1').get(sha256) !== undefined;
}

export function softDeleteAttachment(db: Db, id: number, at: string): void {
  prepared(db, 'UPDATE attachments SET deleted_at = ? WHERE id = ?').run(at, id);
}
