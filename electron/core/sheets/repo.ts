import type { AttachmentInfo } from '../../../shared/domain/attachments';
import { toAttachmentInfo, type AttachmentRecord } from '../attachments/repo';
import type { SheetRow, SheetSummary } from '../../../shared/domain/sheets';
import { prepared } from '../db/statements';
import type { Db } from '../db/connection';

export interface SheetRecord {
  id: number;
  sheet_no: string;
  printed_at: string;
  printed_by_name: string;
  manager_id: number;
  manager_name: string;
  manager_display_name: string;
  week_monday: string | null;
  blank: number;
  row_count: number;
  returned_at: string | null;
  returned_by_name: string | null;
  visits: number;
}

const SHEET_SELECT = `SELECT s.id, s.sheet_no, s.printed_at, pb.display_name AS printed_by_name, s.manager_id, m.name AS manager_name,
  m.display_name AS manager_display_name, s.week_monday, s.blank, s.row_count, s.returned_at, rb.display_name AS returned_by_name,
  (SELECT count(*) FROM sign_sheet_rows r WHERE r.sheet_id = s.id AND r.visit_id IS NOT NULL) AS visits
  FROM sign_sheets s JOIN users pb ON pb.id = s.printed_by JOIN users m ON m.id = s.manager_id LEFT JOIN users rb ON rb.id = s.returned_by`;

/** `outstandingBefore`: printed before this timestamp and not returned counts as outstanding. */
export function toSheetSummary(r: SheetRecord, outstandingBefore: string): SheetSummary {
  return {
    sheetNo: r.sheet_no,
    printedAt: r.printed_at,
    printedBy: r.printed_by_name,
    managerId: r.manager_id,
    manager: r.manager_name,
    managerDisplayName: r.manager_display_name,
    week: r.week_monday,
    blank: r.blank === 1,
    rows: r.row_count,
    returnedAt: r.returned_at,
    returnedBy: r.returned_by_name,
    visits: r.visits,
    outstanding: r.returned_at === null && r.printed_at < outstandingBefore,
  };
}

export function loadSheetByNo(db: Db, sheetNo: string): SheetRecord | null {
  return (prepared(db, `${SHEET_SELECT} WHERE s.sheet_no = ?`).get(sheetNo) as SheetRecord | undefined) ?? null;
}

/** Newest first; one manager's or all; only the outstanding ones when `outstandingBefore` is given. */
export function listSheets(db: Db, q: { managerId: number | null; outstandingBefore: string | null }): SheetRecord[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.managerId !== null) {
    where.push('s.manager_id = ?');
    params.push(q.managerId);
  }
  if (q.outstandingBefore !== null) {
    where.push('s.returned_at IS NULL AND s.printed_at < ?');
    params.push(q.outstandingBefore);
  }
  return prepared(db, `${SHEET_SELECT}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY s.printed_at DESC, s.id DESC LIMIT 500`).all(
    ...params,
  ) as SheetRecord[];
}

export function sheetRows(db: Db, sheetId: number): SheetRow[] {
  const rows = prepared(
    db,
    `SELECT r.row_no, r.date, r.plan_entry_id, r.customer_id, c.code, c.name, c.address, r.visit_id,
            v.sign_in, v.sign_out, v.signature, v.signature_note
     FROM sign_sheet_rows r LEFT JOIN customers c ON c.id = r.customer_id LEFT JOIN visits v ON v.id = r.visit_id
     WHERE r.sheet_id = ? ORDER BY r.row_no`,
  ).all(sheetId) as {
    row_no: number;
    date: string | null;
    plan_entry_id: number | null;
    customer_id: number | null;
    code: string | null;
    name: string | null;
    address: string | null;
    visit_id: number | null;
    sign_in: string | null;
    sign_out: string | null;
    signature: string | null;
    signature_note: string | null;
  }[];
  return rows.map((r) => ({
    row: r.row_no,
    date: r.date,
    planEntryId: r.plan_entry_id,
    customerId: r.customer_id,
    customer: r.code,
    customerName: r.name,
    customerAddress: r.address,
    visitId: r.visit_id,
    visit:
      r.visit_id !== null && r.sign_in !== null
        ? { signIn: r.sign_in.slice(0, 16), signOut: r.sign_out?.slice(0, 16) ?? null, signature: r.signature ?? '', signatureNote: r.signature_note ?? '' }
        : null,
  }));
}

/** The next free running number of a print day (inside the caller's transaction). */
export function nextSheetSeq(db: Db, day: string): number {
  return ((prepared(db, 'SELECT max(seq) AS m FROM sign_sheets WHERE print_day = ?').get(day) as { m: number | null }).m ?? 0) + 1;
}

export interface NewSheet {
  sheetNo: string;
  day: string;
  seq: number;
  printedAt: string;
  printedBy: number;
  managerId: number;
  week: string | null;
  blank: boolean;
  rows: { row: number; planEntryId: number | null; date: string | null; customerId: number | null }[];
}

export function insertSheet(db: Db, s: NewSheet): number {
  const r = prepared(
    db,
    `INSERT INTO sign_sheets (sheet_no, print_day, seq, printed_at, printed_by, manager_id, week_monday, blank, row_count)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(s.sheetNo, s.day, s.seq, s.printedAt, s.printedBy, s.managerId, s.week, s.blank ? 1 : 0, s.rows.length);
  const id = Number(r.lastInsertRowid);
  const ins = prepared(db, 'INSERT INTO sign_sheet_rows (sheet_id, row_no, plan_entry_id, date, customer_id) VALUES (?, ?, ?, ?, ?)');
  for (const row of s.rows) ins.run(id, row.row, row.planEntryId, row.date, row.customerId);
  return id;
}

/** A stored row became a visit: the row, the visit and the sheet remember each other. */
export function linkRowVisit(db: Db, sheetId: number, rowNo: number, customerId: number, visitId: number): void {
  prepared(db, 'UPDATE sign_sheet_rows SET visit_id = ?, customer_id = ? WHERE sheet_id = ? AND row_no = ?').run(visitId, customerId, sheetId, rowNo);
  prepared(db, 'UPDATE visits SET sheet_id = ? WHERE id = ?').run(sheetId, visitId);
}

export function markReturned(db: Db, sheetId: number, meta: { at: string; userId: number }): void {
  prepared(db, 'UPDATE sign_sheets SET returned_at = ?, returned_by = ? WHERE id = ? AND returned_at IS NULL').run(meta.at, meta.userId, sheetId);
}

/** A number whose PDF could not be made is given back (nothing refers to it yet). */
export function deleteSheet(db: Db, sheetId: number): void {
  db.transaction(() => {
    prepared(db, 'DELETE FROM sign_sheet_rows WHERE sheet_id = ?').run(sheetId);
    prepared(db, 'DELETE FROM sign_sheets WHERE id = ?').run(sheetId);
  })();
}

/** The live visits a returned sheet's rows became. */
export function sheetVisitIds(db: Db, sheetId: number): number[] {
  return (prepared(db, 'SELECT id FROM visits WHERE sheet_id = ? AND deleted_at IS NULL ORDER BY id').all(sheetId) as { id: number }[]).map((r) => r.id);
}

/** Files on the sheet's visits (its scans), each file once, in the order they were added. */
export function sheetScans(db: Db, sheetId: number): AttachmentInfo[] {
  const rows = prepared(
    db,
    `SELECT a.* FROM attachments a JOIN visits v ON v.id = a.visit_id
     WHERE v.sheet_id = ? AND v.deleted_at IS NULL AND a.deleted_at IS NULL ORDER BY a.id`,
  ).all(sheetId) as AttachmentRecord[];
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.sha256) && seen.add(r.sha256)).map(toAttachmentInfo);
}
