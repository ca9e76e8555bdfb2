import path from 'node:path';
import {
  ERROR_COLUMN_LABEL,
  IMPORT_KIND_LABELS,
  importFields,
  missingRequired,
  type ImportReport,
} from '../../../shared/domain/excel';
import { writeAudit } from '../audit/log';
import { localTimestamp } from '../clock';
import { badInput } from '../errors';
import { openTable, type CellValue } from '../excel/read';
import { threadedRows } from '../excel/threadedRows';
import { cellText, isBlank } from '../excel/values';
import { openXlsxWriter, type ColumnKind } from '../excel/write';
import type { TaskContext, TaskResult } from '../jobs/types';
import { createBatch, finishBatch } from './batches';
import { Collector, Columns } from './collector';
import { customerImporter, customerKeysFor, nameSearchFor } from './customers';
import type { Importer, ImporterEnv } from './importer';
import { rememberMapping } from './layouts';
import type { ImportParams } from './params';
import { visitImporter } from './visits';
import { volumeImporter } from './volume';

/** Thrown inside a dry run's transaction after everything was written, so SQLite undoes it all. */
class DryRunRollback extends Error {}

const fmt = (n: number) => n.toLocaleString('zh-CN');
const WRITE_CACHE_KIB = 128 * 1024;
const THREADED_READ_MIN_BYTES = 1024 * 1024;

export function checkMapping(p: ImportParams): void {
  const fields = importFields(p.kind, p.metrics);
  const known = new Set(fields.map((f) => f.key));
  const used = new Map<string, number>();
  p.mapping.forEach((f, i) => {
    if (!f) return;
    if (!known.has(f)) throw badInput(`第${i + 1}列对应的字段「${f}」不存在`, 'mapping');
    if (used.has(f)) {
      const label = fields.find((x) => x.key === f)!.label;
      throw badInput(`第${used.get(f)! + 1}列和第${i + 1}列都对应到了「${label}」，请只保留一列`, 'mapping');
    }
    used.set(f, i);
  });
  // Updating customers needs a way to find them, not the columns only new records need (checked per row).
  if (p.kind === 'customers' && p.mode === 'update') {
    if (!['code', 'idNumber', 'creditCode'].some((k) => used.has(k))) {
      throw badInput('“更新”方式需要客户编码、身份证号或统一社会信用代码中的至少一列，用来找到已有客户', 'mapping');
    }
    return;
  }
  const missing = missingRequired(p.mapping, fields);
  if (missing.length) throw badInput(`还没有对应的必填列：${missing.map((f) => f.label).join('、')}`, 'mapping');
}

function errorColumnKind(field: string | null | undefined): ColumnKind {
  if (!field) return 'text';
  if (/(^|\.)(idNumber|creditCode|mobile|phone|code|customerCode)$/.test(field)) return 'id';
  return 'text';
}

function outValue(v: CellValue): string | number | null {
  if (v === null) return null;
  if (typeof v === 'number') return v;
  return cellText(v);
}

/** Invalid rows with their original columns plus 错误原因: fixed in Excel and imported again. */
async function writeErrorFile(ctx: TaskContext, p: ImportParams, headers: string[], collector: Collector): Promise<string> {
  const base = path.basename(p.fileName).replace(/\.[^.]+$/, '');
  const file = path.join(ctx.jobDir, `${base}_错误行.xlsx`);
  const width = Math.max(headers.length, ...collector.invalidRows.map((r) => r.cells.length));
  const columns = Array.from({ length: width }, (_, i) => ({ header: headers[i] || `第${i + 1}列`, kind: errorColumnKind(p.mapping[i]) }));
  const writer = openXlsxWriter(file, {
    sheetName: '错误行',
    columns: [...columns, { header: ERROR_COLUMN_LABEL, kind: 'text' }],
    title: `${IMPORT_KIND_LABELS[p.kind]}导入：以下 ${collector.invalidRows.length} 行未导入，请按“${ERROR_COLUMN_LABEL}”修改后重新导入（原文件：${p.fileName}）`,
  });
  try {
    for (const r of collector.invalidRows) {
      const cells = Array.from({ length: width }, (_, i) => outValue(r.cells[i] ?? null));
      await writer.write([...cells, r.reasons.join('；')]);
    }
    await writer.close();
  } catch (e) {
    await writer.abort();
    throw e;
  }
  return file;
}

function importerFor(env: ImporterEnv, p: ImportParams, fileBytes: number): Importer {
  if (p.kind === 'customers') return customerImporter(env, nameSearchFor(env, fileBytes), customerKeysFor(env, fileBytes));
  if (p.kind === 'volume') return volumeImporter(env);
  return visitImporter(env);
}

/**
 * An import job. Rows are read and checked while streaming (no lock held, the app
 * stays usable); then the whole plan is written in ONE immediate transaction. A
 * cancel, an error or a killed process before COMMIT leaves the database as it was.
 * A dry run writes everything the same way and rolls back, so it reports exactly
 * what a real run would do (automatic codes, uniqueness included).
 */
export async function runImport(ctx: TaskContext, p: ImportParams): Promise<TaskResult> {
  checkMapping(p);
  const table = openTable(p.filePath, p.fileName, { sheet: p.sheet });
  const fields = importFields(p.kind, p.metrics);
  const collector = new Collector();
  const at = localTimestamp(ctx.now);
  let headers: string[] = [];
  let importer: Importer | null = null;
  let mapped: number[] = [];
  let read = 0;
  let bytes = 0;

  ctx.progress({ phase: 'read', done: 0, total: table.size, message: '正在读取文件…' });
  try {
    // Large workbooks are parsed on a reader thread while this one checks the rows (see threadedRows.ts).
    const threaded = ctx.workerEntry !== undefined && table.format === 'xlsx' && table.size >= THREADED_READ_MIN_BYTES;
    const rows = threaded
      ? threadedRows(ctx.workerEntry!, { file: p.filePath, fileName: p.fileName, sheet: table.sheet }, (n) => (bytes = n))
      : table.rows((n) => (bytes = n));
    for await (const r of rows) {
      if (r.row < p.headerRow) continue;
      if (r.row === p.headerRow) {
        headers = r.cells.map((c) => cellText(c));
        const columns = new Columns(headers, p.mapping, fields);
        mapped = columns.entries().map(([, i]) => i);
        importer = importerFor({ db: ctx.db, user: ctx.user, now: ctx.now, mode: p.mode, columns, collector, metrics: p.metrics, task: ctx, workerEntry: ctx.workerEntry }, p, table.size);
        continue;
      }
      if (!importer) continue;
      if (mapped.every((i) => isBlank(r.cells[i] ?? null))) continue;
      importer.add(r);
      read++;
      if (read % 250 === 0) {
        ctx.checkCancelled();
        ctx.progress({ phase: 'read', done: bytes, total: table.size, rowsRead: read, rowsValidated: read, message: `已读取并检查 ${fmt(read)} 行` });
      }
    }
    if (!importer) throw badInput(`文件只有 ${headers.length ? '表头' : '不到' + p.headerRow + ' 行'}，没有找到第 ${p.headerRow} 行的表头`, 'headerRow');
    ctx.progress({ phase: 'validate', done: table.size, total: table.size, rowsRead: read, rowsValidated: read, message: `已检查 ${fmt(read)} 行，正在整理…` });
    await importer.ready();
    ctx.checkCancelled();

    const plan = importer.planned();
    const counts = collector.counts;
    const toWrite = plan.inserts + plan.updates;
    const refused = p.allOrNothing && counts.invalid > 0;
    let batchId: number | null = null;
    let committed = false;

    if (!refused && toWrite > 0) {
      ctx.progress({ phase: 'write', done: 0, total: toWrite, message: p.dryRun ? '正在预演写入…' : '正在写入数据库…' });
      const work = importer;
      const tx = ctx.db.transaction(() => {
        const id = createBatch(ctx.db, { kind: p.kind, mode: p.mode, fileName: p.fileName, userId: ctx.user.id, at });
        work.write({ at, userId: ctx.user.id, batchId: id }, (n) => {
          if (n % 200 === 0) {
            ctx.checkCancelled();
            ctx.progress({ phase: 'write', done: n, total: toWrite, rowsWritten: n, message: `已写入 ${fmt(n)} / ${fmt(toWrite)} 条` });
          }
        });
        ctx.checkCancelled();
        const final = { total: counts.total, inserted: plan.inserts, updated: plan.updates, skipped: counts.skipped, invalid: counts.invalid };
        finishBatch(ctx.db, id, final);
        if (p.dryRun) throw new DryRunRollback();
        rememberMapping(ctx.db, p.kind, headers, p.mapping, ctx.user.id, at);
        writeAudit(ctx.db, ctx.now, {
          userId: ctx.user.id,
          userName: ctx.user.name,
          action: 'import',
          target: `${IMPORT_KIND_LABELS[p.kind]}：${p.fileName}`,
          detail: { batchId: id, mode: p.mode, ...final },
        });
        batchId = id;
      });
      // A big import touches index pages all over a large archive: a larger page cache
      // for this one transaction saves most of the re-reads (the connection's own setting comes back after).
      const cacheSize = ctx.db.pragma('cache_size', { simple: true }) as number;
      if (toWrite >= 5000) ctx.db.pragma(`cache_size = -${WRITE_CACHE_KIB}`);
      try {
        tx.immediate();
        committed = true;
      } catch (e) {
        if (!(e instanceof DryRunRollback)) throw e;
      } finally {
        ctx.db.pragma(`cache_size = ${cacheSize}`);
      }
    } else if (!p.dryRun && refused) {
      writeAudit(ctx.db, ctx.now, {
        userId: ctx.user.id,
        userName: ctx.user.name,
        action: 'import',
        target: `${IMPORT_KIND_LABELS[p.kind]}：${p.fileName}`,
        detail: { mode: p.mode, refused: true, invalid: counts.invalid, total: counts.total },
        ok: false,
      });
    }

    const wouldWrite = !refused;
    const inserted = wouldWrite && (committed || p.dryRun) ? plan.inserts : 0;
    const updated = wouldWrite && (committed || p.dryRun) ? plan.updates : 0;
    const files: TaskResult['files'] = [];
    if (collector.invalidRows.length) {
      const file = await writeErrorFile(ctx, p, headers, collector);
      files.push({ file: 'errors', path: file, fileName: path.basename(file) });
    }
    const tail = counts.invalid ? `，错误 ${fmt(counts.invalid)} 行` : '';
    const summary = refused
      ? `有 ${fmt(counts.invalid)} 行错误，按“全部正确才导入”的要求${p.dryRun ? '将不会' : '未'}导入任何数据`
      : p.dryRun
        ? `预检完成（未写入）：将新增 ${fmt(inserted)} 条，更新 ${fmt(updated)} 条，跳过 ${fmt(counts.skipped)} 条${tail}`
        : `导入完成：新增 ${fmt(inserted)} 条，更新 ${fmt(updated)} 条，跳过 ${fmt(counts.skipped)} 条${tail}${counts.invalid ? '（错误行未导入，可下载后修改再导入）' : ''}`;
    const report: ImportReport = {
      kind: 'import',
      importKind: p.kind,
      fileName: p.fileName,
      mode: p.mode,
      dryRun: p.dryRun,
      allOrNothing: p.allOrNothing,
      committed: committed && !p.dryRun,
      batchId,
      total: counts.total,
      inserted,
      updated,
      skipped: counts.skipped,
      invalid: counts.invalid,
      errors: collector.errors,
      errorCount: collector.errorCount,
      warnings: collector.warnings,
      warningCount: collector.warningCount,
      rows: collector.rows.sort((a, b) => a.row - b.row),
      rowsTruncated: collector.rowsTruncated,
      errorFile: files.length > 0,
      summary,
    };
    ctx.progress({ phase: 'finish', rowsWritten: committed ? toWrite : 0, message: summary });
    return { report, files };
  } finally {
    importer?.close();
  }
}
