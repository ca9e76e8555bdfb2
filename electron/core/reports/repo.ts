import type { MonthlyFigures, MonthlyReport, ReportComplaint, ReportOpinion, ReportStatus, ReportVersion, VolumeInputRow } from '../../../shared/domain/monthlyReport';
import type { Db } from '../db/connection';
import { prepared } from '../db/statements';

/** Volumes of the manager's customers for the given months. */
export function managerVolumes(db: Db, managerId: number, months: readonly string[]): VolumeInputRow[] {
  return prepared(
    db,
    `SELECT v.customer_id AS customerId, c.code, c.name, v.month, v.metric, v.value
     FROM customers c JOIN customer_volumes v ON v.customer_id = c.id
     WHERE c.manager_id = ? AND c.deleted_at IS NULL AND v.month IN (SELECT value FROM json_each(?))`,
  ).all(managerId, JSON.stringify(months)) as VolumeInputRow[];
}

export function managerComplaints(db: Db, managerId: number, from: string, toEnd: string): ReportComplaint[] {
  return prepared(
    db,
    `SELECT substr(k.opened_at, 1, 10) AS openedAt, c.code AS customer, c.name AS customerName, k.category, k.content, k.status
     FROM complaints k JOIN customers c ON c.id = k.customer_id
     WHERE k.manager_id = ? AND k.deleted_at IS NULL AND k.opened_at >= ? AND k.opened_at < ? ORDER BY k.opened_at LIMIT 50`,
  ).all(managerId, from, toEnd) as ReportComplaint[];
}

export function managerOpinions(db: Db, managerId: number, from: string, toEnd: string): ReportOpinion[] {
  return prepared(
    db,
    `SELECT substr(v.sign_in, 1, 10) AS date, c.code AS customer, c.name AS customerName, v.opinions AS text
     FROM visits v JOIN customers c ON c.id = v.customer_id
     WHERE v.manager_id = ? AND v.deleted_at IS NULL AND v.sign_in >= ? AND v.sign_in < ? AND coalesce(trim(v.opinions), '') <> ''
     ORDER BY v.sign_in LIMIT 30`,
  ).all(managerId, from, toEnd) as ReportOpinion[];
}

export interface ReportRecord {
  id: number;
  manager_id: number;
  manager_name: string;
  manager_display_name: string;
  month: string;
  status: ReportStatus;
  due: string;
  figures: string;
  problems: string;
  measures: string;
  opinions: string;
  forecast: string;
  first_submitted_at: string | null;
  late: number;
  version_count: number;
}

const COLUMNS = `r.id, r.manager_id, u.name AS manager_name, u.display_name AS manager_display_name, r.month, r.status, r.due, r.figures,
  r.problems, r.measures, r.opinions, r.forecast, r.first_submitted_at, r.late,
  (SELECT count(*) FROM monthly_report_versions x WHERE x.report_id = r.id) AS version_count
  FROM monthly_reports r JOIN users u ON u.id = r.manager_id`;

export function loadReport(db: Db, id: number): ReportRecord | null {
  return (prepared(db, `SELECT ${COLUMNS} WHERE r.id = ?`).get(id) as ReportRecord | undefined) ?? null;
}

export function findReport(db: Db, managerId: number, month: string): ReportRecord | null {
  return (prepared(db, `SELECT ${COLUMNS} WHERE r.manager_id = ? AND r.month = ?`).get(managerId, month) as ReportRecord | undefined) ?? null;
}

export function listReports(db: Db, f: { managerId?: number; month?: string; status?: ReportStatus }): ReportRecord[] {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (f.managerId !== undefined) {
    where.push('r.manager_id = ?');
    params.push(f.managerId);
  }
  if (f.month) {
    where.push('r.month = ?');
    params.push(f.month);
  }
  if (f.status) {
    where.push('r.status = ?');
    params.push(f.status);
  }
  return prepared(db, `SELECT ${COLUMNS} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY r.month DESC, u.display_name LIMIT 500`).all(
    ...params,
  ) as ReportRecord[];
}

export function insertReport(db: Db, r: { managerId: number; month: string; due: string; figures: MonthlyFigures }, at: string): number {
  return Number(
    prepared(db, 'INSERT INTO monthly_reports (manager_id, month, due, figures, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      r.managerId,
      r.month,
      r.due,
      JSON.stringify(r.figures),
      at,
      at,
    ).lastInsertRowid,
  );
}

export function updateFigures(db: Db, id: number, figures: MonthlyFigures, at: string): void {
  prepared(db, 'UPDATE monthly_reports SET figures = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(figures), at, id);
}

export function updateText(db: Db, id: number, t: { problems: string; measures: string; opinions: string; forecast: string }, at: string): void {
  prepared(db, 'UPDATE monthly_reports SET problems = ?, measures = ?, opinions = ?, forecast = ?, updated_at = ? WHERE id = ?').run(
    t.problems,
    t.measures,
    t.opinions,
    t.forecast,
    at,
    id,
  );
}

/** Submits: a new version with the text and figures as they are now; the first submission decides lateness. */
export function submitReport(db: Db, r: ReportRecord, meta: { at: string; userId: number }, late: boolean): void {
  prepared(
    db,
    `INSERT INTO monthly_report_versions (report_id, version, figures, problems, measures, opinions, forecast, submitted_at, submitted_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(r.id, r.version_count + 1, r.figures, r.problems, r.measures, r.opinions, r.forecast, meta.at, meta.userId);
  prepared(
    db,
    `UPDATE monthly_reports SET status = '已提交', first_submitted_at = coalesce(first_submitted_at, ?), late = CASE WHEN first_submitted_at IS NULL THEN ? ELSE late END, updated_at = ? WHERE id = ?`,
  ).run(meta.at, late ? 1 : 0, meta.at, r.id);
}

export function reviewReport(db: Db, id: number, decision: '已批准' | '已退回', comment: string, meta: { at: string; userId: number }): void {
  prepared(
    db,
    `UPDATE monthly_report_versions SET decision = ?, comment = ?, decided_at = ?, decided_by = ?
     WHERE report_id = ? AND version = (SELECT max(version) FROM monthly_report_versions WHERE report_id = ?)`,
  ).run(decision, comment || null, meta.at, meta.userId, id, id);
  prepared(db, 'UPDATE monthly_reports SET status = ?, updated_at = ? WHERE id = ?').run(decision, meta.at, id);
}

export function reportVersions(db: Db, id: number): ReportVersion[] {
  const rows = prepared(
    db,
    `SELECT x.version, x.submitted_at, s.display_name AS submitted_by, x.problems, x.measures, x.opinions, x.forecast, x.figures,
       x.decision, x.comment, x.decided_at, d.display_name AS decided_by
     FROM monthly_report_versions x LEFT JOIN users s ON s.id = x.submitted_by LEFT JOIN users d ON d.id = x.decided_by
     WHERE x.report_id = ? ORDER BY x.version`,
  ).all(id) as {
    version: number;
    submitted_at: string;
    submitted_by: string | null;
    problems: string;
    measures: string;
    opinions: string;
    forecast: string;
    figures: string;
    decision: '已批准' | '已退回' | null;
    comment: string | null;
    decided_at: string | null;
    decided_by: string | null;
  }[];
  return rows.map((x) => ({
    version: x.version,
    submittedAt: x.submitted_at,
    submittedBy: x.submitted_by,
    problems: x.problems,
    measures: x.measures,
    opinions: x.opinions,
    forecast: x.forecast,
    figures: JSON.parse(x.figures) as MonthlyFigures,
    decision: x.decision,
    comment: x.comment,
    decidedAt: x.decided_at,
    decidedBy: x.decided_by,
  }));
}

export function toReport(r: ReportRecord, versions: ReportVersion[], today: string): MonthlyReport {
  return {
    id: r.id,
    managerId: r.manager_id,
    manager: r.manager_name,
    managerDisplayName: r.manager_display_name,
    month: r.month,
    status: r.status,
    due: r.due,
    late: r.first_submitted_at ? r.late === 1 : today > r.due,
    firstSubmittedAt: r.first_submitted_at,
    figures: JSON.parse(r.figures) as MonthlyFigures,
    problems: r.problems,
    measures: r.measures,
    opinions: r.opinions,
    forecast: r.forecast,
    versions,
  };
}
