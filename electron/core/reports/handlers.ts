import { monthlyReportFigures, previousMonth, reportDue, DEFAULT_REPORT_DUE_DAY, type MonthlyFigures } from '../../../shared/domain/monthlyReport';
import { addDays, localDate } from '../../../shared/domain/visitRules';
import { localTimestamp } from '../clock';
import { requireUser, type Ctx, type HandlerMap } from '../context';
import { isScopedToOwn } from '../customers/scope';
import { conflict, forbidden } from '../errors';
import { readVolumeMetrics } from '../imports/volume/metrics';
import { kpiReport } from '../kpi/figures';
import { readSetting } from '../settings/store';
import {
  findReport,
  insertReport,
  listReports,
  loadReport,
  managerComplaints,
  managerOpinions,
  managerVolumes,
  reportVersions,
  reviewReport,
  submitReport,
  toReport,
  updateFigures,
  updateText,
} from './repo';
import { reportManager, requireReportAccess } from './scope';

type ReportMethods = 'reports.draft' | 'reports.get' | 'reports.list' | 'reports.save' | 'reports.submit' | 'reports.review';

const lastDay = (month: string) => addDays(`${previousMonth(month, -1)}-01`, -1);

/** The due day of the month (setting reportDueDay, 1–28; 5 by default). */
function dueDay(ctx: Ctx): number {
  const v = Number(readSetting(ctx.db, 'reportDueDay'));
  return Number.isInteger(v) && v >= 1 && v <= 28 ? v : DEFAULT_REPORT_DUE_DAY;
}

/** The figures of a manager's month: volumes, KPIs, complaints, opinions. */
export function draftFigures(ctx: Ctx, managerId: number, month: string): MonthlyFigures {
  const from = `${month}-01`;
  const to = lastDay(month);
  const toEnd = addDays(to, 1);
  const kpi = kpiReport(ctx.db, { managerId, ownOnly: true }, from, to, localDate(ctx.now())).branch;
  const complaints = managerComplaints(ctx.db, managerId, from, toEnd);
  return monthlyReportFigures({
    month,
    metrics: readVolumeMetrics(ctx.db),
    volumes: managerVolumes(ctx.db, managerId, [month, previousMonth(month), previousMonth(month, 12)]),
    kpi,
    complaints: { opened: kpi.complaintsOpened, closed: kpi.complaintsClosed, items: complaints },
    opinions: managerOpinions(ctx.db, managerId, from, toEnd),
  });
}

function full(ctx: Ctx, id: number) {
  return toReport(loadReport(ctx.db, id)!, reportVersions(ctx.db, id), localDate(ctx.now()));
}

export const reportHandlers: HandlerMap<ReportMethods> = {
  'reports.draft': (ctx, input) => {
    const user = requireUser(ctx);
    const managerId = reportManager(ctx.db, user, input.manager);
    const at = localTimestamp(ctx.now());
    const existing = findReport(ctx.db, managerId, input.month);
    // Figures are refreshed while the manager can still edit; a submitted or approved report keeps what was submitted.
    if (existing && (existing.status === '已提交' || existing.status === '已批准')) return full(ctx, existing.id);
    const figures = draftFigures(ctx, managerId, input.month);
    const id = ctx.db.transaction(() => {
      if (existing) {
        updateFigures(ctx.db, existing.id, figures, at);
        return existing.id;
      }
      const newId = insertReport(ctx.db, { managerId, month: input.month, due: reportDue(input.month, dueDay(ctx)), figures }, at);
      ctx.audit({ action: 'report_change', target: input.month, detail: { op: 'draft', id: newId, managerId } });
      return newId;
    })();
    return full(ctx, id);
  },

  'reports.get': (ctx, input) => {
    const user = requireUser(ctx);
    return full(ctx, requireReportAccess(ctx.db, user, input.id).id);
  },

  'reports.list': (ctx, input) => {
    const user = requireUser(ctx);
    const today = localDate(ctx.now());
    return listReports(ctx.db, { managerId: isScopedToOwn(user) ? user.id : undefined, month: input.month, status: input.status }).map((r) => {
      const { figures: _f, versions: _v, ...summary } = toReport(r, [], today);
      return { ...summary, versionCount: r.version_count };
    });
  },

  'reports.save': (ctx, input) => {
    const user = requireUser(ctx);
    const r = requireReportAccess(ctx.db, user, input.id);
    if (r.manager_id !== user.id) throw forbidden('只有报告的客户经理本人可以填写报告');
    if (r.status === '已提交' || r.status === '已批准') throw conflict(`报告${r.status}，不能再修改`);
    updateText(ctx.db, r.id, input, localTimestamp(ctx.now()));
    return full(ctx, r.id);
  },

  'reports.submit': (ctx, input) => {
    const user = requireUser(ctx);
    const r = requireReportAccess(ctx.db, user, input.id);
    if (r.manager_id !== user.id) throw forbidden('只有报告的客户经理本人可以提交报告');
    if (r.status === '已提交' || r.status === '已批准') throw conflict(`报告${r.status}，不能重复提交`);
    const now = ctx.now();
    ctx.db.transaction(() => {
      submitReport(ctx.db, r, { at: localTimestamp(now), userId: user.id }, localDate(now) > r.due);
      ctx.audit({ action: 'report_change', target: r.month, detail: { op: 'submit', id: r.id, version: r.version_count + 1 } });
    })();
    return full(ctx, r.id);
  },

  'reports.review': (ctx, input) => {
    const user = requireUser(ctx);
    const r = requireReportAccess(ctx.db, user, input.id);
    if (r.status !== '已提交') throw conflict(r.status === '已批准' ? '报告已批准' : '报告尚未提交，不能审阅');
    ctx.db.transaction(() => {
      reviewReport(ctx.db, r.id, input.decision, input.comment, { at: localTimestamp(ctx.now()), userId: user.id });
      ctx.audit({ action: 'report_change', target: r.month, detail: { op: input.decision === '已批准' ? 'approve' : 'return', id: r.id } });
    })();
    return full(ctx, r.id);
  },
};
