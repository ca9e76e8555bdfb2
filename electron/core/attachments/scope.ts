import type { SessionUser } from '../../../shared/api/auth';
import { canSeeComplaint, requireComplaintAccess } from '../complaints/scope';
import { isScopedToOwn } from '../customers/scope';
import type { Db } from '../db/connection';
import { forbidden, notFound } from '../errors';
import { canSeeVisit, requireVisitWrite } from '../visits/scope';
import { loadAttachment, type AttachmentOwner, type AttachmentRecord } from './repo';

/** Adding an attachment to a record takes changing the record. */
export function requireOwnerWrite(db: Db, user: SessionUser, owner: AttachmentOwner): void {
  if ('visitId' in owner) requireVisitWrite(db, user, owner.visitId);
  else requireComplaintAccess(db, user, owner.complaintId);
}

function load(db: Db, id: number): AttachmentRecord {
  const a = loadAttachment(db, id);
  if (!a) throw notFound(`附件不存在或已删除（ID ${id}）`);
  return a;
}

/**
 * Reading an attachment takes reading its record. One of a record the caller cannot see
 * answers like a missing attachment (not like a missing visit: that would name the visit's id).
 */
export function requireAttachmentAccess(db: Db, user: SessionUser, id: number): AttachmentRecord {
  const a = load(db, id);
  const visible = a.visit_id !== null ? canSeeVisit(db, user, a.visit_id) : a.complaint_id !== null ? canSeeComplaint(db, user, a.complaint_id) : false;
  if (!visible) throw notFound(`附件不存在或已删除（ID ${id}）`);
  return a;
}

/** Removing one takes changing its record, and a 客户经理 removes only what they uploaded. */
export function requireAttachmentWrite(db: Db, user: SessionUser, id: number): AttachmentRecord {
  const a = requireAttachmentAccess(db, user, id);
  if (a.visit_id !== null) requireVisitWrite(db, user, a.visit_id);
  else if (a.complaint_id !== null) requireComplaintAccess(db, user, a.complaint_id);
  if (isScopedToOwn(user) && a.created_by !== user.id) throw forbidden('只能删除自己上传的附件');
  return a;
}
