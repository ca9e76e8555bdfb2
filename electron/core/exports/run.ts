import path from 'node:path';
import { EXPORT_KIND_LABELS, type ExportReport } from '../../../shared/domain/exports';
import { localDate } from '../../../shared/domain/visitRules';
import { formatCount } from '../../../shared/format';
import { writeAudit } from '../audit/log';
import { localTimestamp } from '../clock';
import { openTableWriter } from '../excel/write';
import type { TaskContext, TaskResult } from '../jobs/types';
import { readSettings } from '../settings/store';
import { describeFilter } from './describe';
import type { ExportParams } from './params';
import { exportSource } from './sources';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * An export job: rows are read from SQLite one by one and streamed into the file
 * (a million visits never sit in memory), written to a temp file renamed at the end,
 * so a cancel or failure leaves no half file. ID numbers and mobiles are masked
 * for 客户经理 without the full-export grant. Audited.
 */
export async function runExport(ctx: TaskContext, p: ExportParams): Promise<TaskResult> {
  const { db, user } = ctx;
  // As the issue says: a 客户经理's exports are masked unless the administrator granted full export
  // (users.full_export); 负责人 and 管理员 export what they can see.
  const masked = user.role === 'manager' && !user.fullExport;
  const session = { id: user.id, name: user.name, displayName: user.displayName, role: user.role, mustChangePassword: false };
  const source = exportSource({ db, user: session, masked, today: localDate(ctx.now) }, p);
  const label = EXPORT_KIND_LABELS[p.kind];
  const filterText = describeFilter(db, p, user);
  const at = localTimestamp(ctx.now);
  const d = ctx.now;
  const fileName = `${label}_${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}_${pad(d.getHours())}${pad(d.getMinutes())}.${p.format}`;
  const file = path.join(ctx.jobDir, fileName);

  ctx.progress({ phase: 'read', done: 0, total: 0, message: '正在统计行数…' });
  const total = source.count();
  const branch = readSettings(db).branchName;
  // Full-width spaces separate the parts the way a Chinese title line does.
  const gap = '\u3000';
  const title = [branch, label, `筛选：${filterText}`, `导出时间：${at.slice(0, 16)}`, `导出人：${user.displayName}`, ...(masked ? ['（身份证号、手机号已脱敏）'] : [])].join(gap);
  const writer = openTableWriter(file, p.format, { sheetName: label, columns: source.columns, title });
  ctx.progress({ phase: 'write', done: 0, total, message: `正在导出 ${formatCount(total)} 行…` });
  let n = 0;
  try {
    for (const row of source.rows()) {
      await writer.write(row);
      if (++n % 1000 === 0) {
        ctx.checkCancelled();
        ctx.progress({ phase: 'write', done: n, total, rowsRead: n, rowsWritten: n, message: `已导出 ${formatCount(n)} / ${formatCount(total)} 行` });
      }
    }
    ctx.checkCancelled();
    ctx.progress({ phase: 'finish', done: n, total, rowsWritten: n, message: '正在生成文件…' });
    await writer.close();
  } catch (e) {
    await writer.abort();
    writeAudit(db, ctx.now, {
      userId: user.id,
      userName: user.name,
      action: 'export',
      target: `${label}（${p.format}）`,
      detail: { filter: filterText, rows: n, masked, cancelled: true },
      ok: false,
      host: ctx.host,
    });
    throw e;
  }
  writeAudit(db, ctx.now, {
    userId: user.id,
    userName: user.name,
    action: 'export',
    target: `${label}（${p.format}）`,
    detail: { filter: filterText, rows: n, masked, ...(p.kind === 'customers' && p.columns ? { columns: p.columns } : {}) },
    host: ctx.host,
  });
  const report: ExportReport = {
    kind: 'export',
    exportKind: p.kind,
    format: p.format,
    fileName,
    rows: n,
    masked,
    summary: `已导出 ${formatCount(n)} 行${label}${masked ? '（身份证号、手机号已脱敏）' : ''}`,
  };
  return { report, files: [{ file: 'output', path: file, fileName }] };
}
