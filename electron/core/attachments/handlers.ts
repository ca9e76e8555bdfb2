import { localTimestamp } from '../clock';
import { requireUser, type HandlerMap } from '../context';
import { badInput, notFound } from '../errors';
import { attachmentContentInUse, findSameAttachment, insertAttachment, loadAttachment, softDeleteAttachment, toAttachmentInfo, type AttachmentOwner } from './repo';
import { requireAttachmentAccess, requireAttachmentWrite, requireOwnerWrite } from './scope';
import { checkUpload } from './upload';
import { readAttachmentFile, removeAttachmentFile, storeAttachmentFile } from './store';

type AttachmentMethods = 'attachments.add' | 'attachments.get' | 'attachments.remove';

export const attachmentHandlers: HandlerMap<AttachmentMethods> = {
  'attachments.add': (ctx, input) => {
    const user = requireUser(ctx);
    if ((input.visitId === undefined) === (input.complaintId === undefined)) {
      throw badInput('附件：请指定所属的走访记录（visitId）或投诉反馈（complaintId）之一', 'visitId');
    }
    const owner: AttachmentOwner = input.visitId !== undefined ? { visitId: input.visitId } : { complaintId: input.complaintId! };
    requireOwnerWrite(ctx.db, user, owner);

    const { buf, mime, name } = checkUpload(input.name, input.dataBase64);
    const sha256 = storeAttachmentFile(ctx.dataDir, buf);
    const same = findSameAttachment(ctx.db, owner, sha256);
    if (same) return toAttachmentInfo(same);
    const at = localTimestamp(ctx.now());
    let id: number;
    try {
      id = ctx.db.transaction(() => {
        const newId = insertAttachment(ctx.db, { sha256, name, mime, size: buf.length, owner, at, userId: user.id });
        ctx.audit({ action: 'attachment_add', target: name, detail: { id: newId, ...owner, mime, size: buf.length } });
        return newId;
      })();
    } catch (e) {
      // Not recorded (a full disk, a busy database): the file just written must not stay behind unused.
      try {
        if (!attachmentContentInUse(ctx.db, sha256)) removeAttachmentFile(ctx.dataDir, sha256);
      } catch {
        // The database itself failed: the caller hears the first error, the file waits for the next removal.
      }
      throw e;
    }
    return toAttachmentInfo(loadAttachment(ctx.db, id)!);
  },

  'attachments.get': (ctx, input) => {
    const a = requireAttachmentAccess(ctx.db, requireUser(ctx), input.id);
    const data = readAttachmentFile(ctx.dataDir, a.sha256);
    if (!data) throw notFound(`附件文件缺失（${a.original_name}），数据文件夹可能被移动或清理过，请从备份恢复`);
    return { ...toAttachmentInfo(a), dataBase64: data.toString('base64') };
  },

  'attachments.remove': (ctx, input) => {
    const a = requireAttachmentWrite(ctx.db, requireUser(ctx), input.id);
    const at = localTimestamp(ctx.now());
    ctx.db.transaction(() => {
      softDeleteAttachment(ctx.db, a.id, at);
      ctx.audit({
        action: a.visit_id !== null ? 'visit_update' : 'complaint_change',
        target: a.original_name,
        detail: { op: 'attachment_remove', id: a.id, visitId: a.visit_id, complaintId: a.complaint_id },
      });
    })();
    // A scan is personal data: once no record shows its content (files are shared by content), the file
    // goes too. After the commit, so a failed removal of the record never loses a file still in use.
    if (!attachmentContentInUse(ctx.db, a.sha256)) removeAttachmentFile(ctx.dataDir, a.sha256);
    return null;
  },
};
