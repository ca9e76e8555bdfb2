import { localMinute } from '../../../shared/domain/visitRules';
import { localTimestamp } from '../clock';
import { requireUser, type Ctx, type HandlerMap } from '../context';
import { isScopedToOwn } from '../customers/scope';
import { badInput, forbidden } from '../errors';
import { findSameAttachment, insertAttachment, loadAttachment, toAttachmentInfo } from '../attachments/repo';
import { requireOwnerWrite } from '../attachments/scope';
import { storeAttachmentFile } from '../attachments/store';
import { checkUpload } from '../attachments/upload';
import { readSettings, writeSetting } from '../settings/store';
import { readChecklist } from '../visits/checklist';
import { insertVisit } from '../visits/write';
import { linkRowVisit, listSheets, markReturned, sheetRows, sheetScans, sheetVisitIds, toSheetSummary } from './repo';
import { checkReturnRows } from './returns';
import { requireSheetAccess } from './scope';

type SheetMethods = 'sheets.list' | 'sheets.show' | 'sheets.return' | 'sheets.attachScan' | 'sheets.setOutstandingDays';

/** Days after which an unreturned sheet is outstanding: the one admin setting, also on 系统设置. */
export function outstandingDays(ctx: Ctx): number {
  return readSettings(ctx.db).outstandingSheetDays;
}

function outstandingBefore(ctx: Ctx): string {
  return localTimestamp(new Date(ctx.now().getTime() - outstandingDays(ctx) * 86_400_000));
}

export const sheetHandlers: HandlerMap<SheetMethods> = {
  'sheets.list': (ctx, input) => {
    const user = requireUser(ctx);
    if (isScopedToOwn(user) && input.managerId !== undefined && input.managerId !== user.id) throw forbidden('客户经理只能查看自己的签到簿');
    const managerId = isScopedToOwn(user) ? user.id : (input.managerId ?? null);
    const before = outstandingBefore(ctx);
    const rows = listSheets(ctx.db, { managerId, outstandingBefore: input.outstanding ? before : null });
    return { rows: rows.map((r) => toSheetSummary(r, before)), outstandingDays: outstandingDays(ctx) };
  },

  'sheets.show': (ctx, input) => {
    const s = requireSheetAccess(ctx.db, requireUser(ctx), input.sheetNo);
    return { ...toSheetSummary(s, outstandingBefore(ctx)), rowsDetail: sheetRows(ctx.db, s.id), scans: sheetScans(ctx.db, s.id) };
  },

  'sheets.return': (ctx, input) => {
    const user = requireUser(ctx);
    const s = requireSheetAccess(ctx.db, user, input.sheetNo);
    const rows = sheetRows(ctx.db, s.id);
    const checked = checkReturnRows(ctx.db, user, { managerId: s.manager_id, rows }, input.rows, {
      now: localMinute(ctx.now()),
      checklist: readChecklist(ctx.db),
    });
    if (checked.problems.length) {
      const fields = checked.problems.map((p) => ({ field: `rows.${p.row}`, message: `第 ${p.row} 行：${p.message}` }));
      throw badInput(`签到簿 ${s.sheet_no} 未登记（${fields.length} 行有问题，所有行都未保存）：${fields.map((f) => f.message).join('；')}`, fields[0].field, fields);
    }
    const meta = { at: localTimestamp(ctx.now()), userId: user.id };
    const visitIds = ctx.db.transaction(() => {
      const ids: number[] = [];
      for (const r of checked.rows) {
        const id = insertVisit(ctx.db, r.values, meta);
        linkRowVisit(ctx.db, s.id, r.row, r.values.customerId, id);
        ids.push(id);
      }
      markReturned(ctx.db, s.id, meta);
      ctx.audit({ action: 'sheet_return', target: `${s.sheet_no}（${s.manager_display_name}）`, detail: { sheetNo: s.sheet_no, rows: ids.length } });
      return ids;
    })();
    return { sheetNo: s.sheet_no, saved: visitIds.length, visitIds };
  },

  'sheets.attachScan': (ctx, input) => {
    const user = requireUser(ctx);
    const s = requireSheetAccess(ctx.db, user, input.sheetNo);
    const visitIds = sheetVisitIds(ctx.db, s.id);
    if (!visitIds.length) throw badInput(`签到簿 ${s.sheet_no} 还没有登记走访：请先保存回收登记，再附加扫描件`, 'sheetNo');
    for (const id of visitIds) requireOwnerWrite(ctx.db, user, { visitId: id });
    const { buf, mime, name } = checkUpload(input.name, input.dataBase64);
    const sha256 = storeAttachmentFile(ctx.dataDir, buf);
    const at = localTimestamp(ctx.now());
    const ids = ctx.db.transaction(() => {
      // A visit that already has this very file keeps the one it has (a re-sent upload).
      const out = visitIds.map((visitId) => findSameAttachment(ctx.db, { visitId }, sha256)?.id ?? insertAttachment(ctx.db, { sha256, name, mime, size: buf.length, owner: { visitId }, at, userId: user.id }));
      ctx.audit({ action: 'attachment_add', target: `${name}（签到簿 ${s.sheet_no}）`, detail: { sheetNo: s.sheet_no, visitIds, mime, size: buf.length } });
      return out;
    })();
    return { sheetNo: s.sheet_no, scan: toAttachmentInfo(loadAttachment(ctx.db, ids[0])!), visits: visitIds.length };
  },

  'sheets.setOutstandingDays': (ctx, input) => {
    const before = outstandingDays(ctx);
    if (before !== input.days) {
      ctx.db.transaction(() => {
        writeSetting(ctx.db, 'outstandingSheetDays', input.days);
        ctx.audit({ action: 'settings_update', detail: { outstandingSheetDays: `${before} → ${input.days}` } });
      })();
    }
    return { outstandingDays: input.days };
  },
};
