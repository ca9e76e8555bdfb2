import path from 'node:path';
import { exportInputSchema } from '../../../shared/api/exports';
import { KPI_INDICATORS } from '../../../shared/domain/kpi';
import type { SummaryReport } from '../../../shared/domain/jobs';
import { localDate } from '../../../shared/domain/visitRules';
import { WARNING_RULE_LABELS } from '../../../shared/domain/warnings';
import { writeAudit } from '../audit/log';
import { localTimestamp } from '../clock';
import type { ColumnKind, OutValue, TableWriterOptions } from '../excel/write';
import { openXlsxWriter } from '../excel/write';
import { exportSource } from '../exports/sources';
import type { TaskContext, TaskResult } from '../jobs/types';
import { readSettings } from '../settings/store';
import { listWarnings } from '../warnings/repo';
import { kpiReport } from './figures';
import { rankManagers } from './ranking';

const col = (header: string, kind: ColumnKind = 'number') => ({ header, kind });

/**
 * 考核汇总: one workbook for the supervisor — KPIs per manager, coverage by tier, the
 * service-score ranking, overdue follow-ups, open warnings and the period's visits. The
 * export conventions of exports/run.ts (title row, frozen header, real numbers, dates as
 * dates, no formula, streamed). Rates are fractions written as numbers (0.75), so sums
 * and charts in Excel work on them.
 */
export async function runSummary(ctx: TaskContext, p: { from: string; to: string }): Promise<TaskResult<SummaryReport>> {
  const { db, user } = ctx;
  const today = localDate(ctx.now);
  const session = { id: user.id, name: user.name, displayName: user.displayName, role: user.role, mustChangePassword: false };
  const report = kpiReport(db, { managerId: null, ownOnly: false }, p.from, p.to, today);
  const fileName = `考核汇总_${p.from}_${p.to}.xlsx`;
  const file = path.join(ctx.jobDir, fileName);
  const branch = readSettings(db).branchName;
  const title = (what: string) => [branch, what, `期间：${p.from} 至 ${p.to}`, `导出时间：${localTimestamp(ctx.now).slice(0, 16)}`, `导出人：${user.displayName}`].join('\u3000');
  const sheets: SummaryReport['sheets'] = [];
  let writer: ReturnType<typeof openXlsxWriter> | null = null;
  const sheet = async (name: string, columns: TableWriterOptions['columns'], rows: Iterable<readonly OutValue[]>) => {
    const options = { sheetName: name, columns, title: title(name) };
    if (writer) await writer.nextSheet(options);
    else writer = openXlsxWriter(file, options);
    let n = 0;
    for (const r of rows) {
      await writer.write(r);
      if (++n % 1000 === 0) {
        ctx.checkCancelled();
        ctx.progress({ phase: 'write', done: n, total: 0, rowsWritten: n, message: `${name}：已写入 ${n} 行` });
      }
    }
    sheets.push({ name, rows: n });
  };
  try {
    ctx.progress({ phase: 'write', done: 0, total: 6, message: '正在写入客户经理指标…' });
    const k = report.managers;
    await sheet(
      '客户经理指标',
      [
        col('客户经理', 'text'),
        col('用户名', 'text'),
        col('管户数'),
        col('计划'),
        col('完成计划'),
        col('计划完成率'),
        col('已走访客户'),
        col('覆盖率'),
        col('走访次数'),
        col('平均在户(分钟)'),
        col('特殊访问'),
        col('回访'),
        col('签字率'),
        col('逾期跟进'),
        col('档案完整率'),
        col('新增客户'),
        col('重点客户流失'),
        col('新增投诉'),
        col('办结投诉'),
      ],
      [...k.map((m) => ({ ...m, label: m.managerDisplayName, user: m.manager })), { ...report.branch, label: '网点合计', user: '' }].map((m) => [
        m.label,
        m.user,
        m.assigned,
        m.planned,
        m.plannedDone,
        m.planCompletionRate,
        m.visitedCustomers,
        m.coverage,
        m.visits,
        m.avgOnSiteMinutes,
        m.specialVisits,
        m.returnVisits,
        m.signatureRate,
        m.overdueFollowUps,
        m.archiveCompleteness,
        m.newCustomers,
        m.keyCustomersLost,
        m.complaintsOpened,
        m.complaintsClosed,
      ]),
    );
    await sheet(
      '分级覆盖率',
      [col('分级', 'text'), col('管户数'), col('已走访客户'), col('覆盖率'), col('走访次数')],
      report.tiers.map((t) => [t.tier, t.assigned, t.visitedCustomers, t.coverage, t.visits]),
    );
    const ranking = rankManagers(db, report);
    await sheet(
      '服务质量评分',
      [col('名次'), col('客户经理', 'text'), col('得分'), ...ranking.setup.indicators.map((i) => col(`${KPI_INDICATORS[i.key as keyof typeof KPI_INDICATORS]?.label ?? i.key}(得分)`))],
      ranking.rows.map((r) => [r.rank, r.managerDisplayName, Math.round(r.score * 100) / 100, ...r.breakdown.map((b) => Math.round(b.points * 100) / 100)]),
    );
    const overdue = exportSource(
      { db, user: session, masked: false, today },
      exportInputSchema.parse({ kind: 'followups', format: 'xlsx', filter: { status: 'overdue' } }),
    );
    await sheet('逾期跟进', overdue.columns, overdue.rows());
    const warnings = listWarnings(db, { status: 'open' }, 100_000, 0).rows;
    await sheet(
      '流失预警',
      [col('客户编码', 'id'), col('客户名称', 'text'), col('客户经理', 'text'), col('规则', 'text'), col('情况', 'text'), col('预警时间', 'datetime')],
      warnings.map((w) => [w.code, w.customer_name, w.manager_display_name, WARNING_RULE_LABELS[w.rule], w.detail, w.created_at]),
    );
    const visits = exportSource(
      { db, user: session, masked: false, today },
      exportInputSchema.parse({ kind: 'visits', format: 'xlsx', filter: { from: p.from, to: p.to, sort: 'signIn', dir: 'asc' } }),
    );
    await sheet('走访记录', visits.columns, visits.rows());
    ctx.checkCancelled();
    ctx.progress({ phase: 'finish', done: 6, total: 6, message: '正在生成文件…' });
    await writer!.close();
  } catch (e) {
    await (writer as ReturnType<typeof openXlsxWriter> | null)?.abort();
    throw e;
  }
  writeAudit(db, ctx.now, { userId: user.id, userName: user.name, action: 'export', target: '考核汇总（xlsx）', detail: { from: p.from, to: p.to, sheets } });
  const visitRows = sheets.find((s) => s.name === '走访记录')?.rows ?? 0;
  return {
    report: { kind: 'summary', fileName, from: p.from, to: p.to, sheets, summary: `已导出考核汇总（${report.managers.length} 位客户经理，${visitRows} 条走访）` },
    files: [{ file: 'output', path: file, fileName }],
  };
}
