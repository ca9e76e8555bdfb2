import path from 'node:path';
import { formatCount } from '../../../../shared/format';
import type { SessionUser } from '../../../../shared/api/auth';
import { CONTACT_SHEET_FIELDS, CONTACTS_SHEET_NAME, type ImportField } from '../../../../shared/domain/importFields';
import { importFields } from '../../../../shared/domain/imports';
import { ERROR_COLUMN_LABEL, IMPORT_KIND_LABELS, type ImportReport } from '../../../../shared/domain/imports';
import { missingContactFields, missingRequired } from '../../../../shared/domain/headerMatch';
import { localTimestamp } from '../../clock';
import { commitDurablyDeferringCheckpoint } from '../../db/durableCommit';
import { withPageCache } from '../../db/pageCache';
import { badInput } from '../../errors';
import { openTable, type TableSource } from '../../excel/read';
import type { CellValue } from '../../excel/types';
import { estimateSheetRows } from '../../excel/rowEstimate';
import { cellText, isBlank } from '../../excel/values';
import type { ColumnKind } from '../../excel/write';
import type { TaskContext, TaskResult } from '../../jobs/types';
import { createBatch } from './batches';
import { auditRefused, BIG_WRITE_ROWS, closeBatch, contactsCounts, DryRunRollback, invalidRows, WRITE_CACHE_KIB, type ContactsRun, type ImportOutcome, type ReadBar } from './closing';
import { Collector, Columns, MAX_LISTED_ISSUES } from './collector';
import { contactSheetImporter, recordSheetCustomers, SheetCustomers } from '../customers/contactSheet';
import { customerImporter, customerKeysFor, nameSearchFor } from '../customers/customerSheet';
import type { Importer, ImporterEnv } from './importer';
import type { ImportParams } from './params';
import { pipelinedImport, startPipelineHelpers, type PipelineHelpers } from '../parallel/pipeline';
import type { SpareHelpers } from '../parallel/spareHelpers';
import { loopSheet } from './sheetLoop';
import { visitImporter } from '../visits/visitSheet';
import { volumeImporter } from '../volume/volumeSheet';
import { evaluateWarnings } from '../../warnings/evaluate';

const fmt = formatCount;

/** Column i → field: every key known, none used twice. Answers the used fields. */
function checkColumns(mapping: readonly (string | null)[], fields: readonly ImportField[], where: string, field: string): Map<string, number> {
  const known = new Set(fields.map((f) => f.key));
  const used = new Map<string, number>();
  mapping.forEach((f, i) => {
    if (!f) return;
    if (!known.has(f)) throw badInput(`${where}第${i + 1}列对应的字段「${f}」不存在`, field);
    if (used.has(f)) {
      const label = fields.find((x) => x.key === f)!.label;
      throw badInput(`${where}第${used.get(f)! + 1}列和第${i + 1}列都对应到了「${label}」，请只保留一列`, field);
    }
    used.set(f, i);
  });
  return used;
}

export function checkMapping(p: ImportParams): void {
  const fields = importFields(p.kind, p.metrics);
  const used = checkColumns(p.mapping, fields, '', 'mapping');
  if (p.contacts) {
    if (p.kind !== 'customers') throw badInput('只有客户档案导入可以同时导入联系人工作表', 'contacts');
    if (p.sheet !== undefined && p.contacts.sheet === p.sheet) throw badInput('联系人工作表不能与客户工作表是同一个工作表', 'contacts.sheet');
    checkColumns(p.contacts.mapping, CONTACT_SHEET_FIELDS, `联系人工作表「${p.contacts.sheet}」`, 'contacts.mapping');
    const missing = missingContactFields(p.contacts.mapping);
    if (missing.length) throw badInput(`联系人工作表「${p.contacts.sheet}」还没有对应的必填列：${missing.join('、')}`, 'contacts.mapping');
  }
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

/**
 * Invalid rows with their original columns plus 错误原因: fixed in Excel and imported again.
 * The contacts sheet's invalid rows follow on a second sheet under that sheet's own name,
 * so the fixed workbook is recognised as main + contacts sheet again.
 */
async function writeErrorFile(ctx: TaskContext, p: ImportParams, headers: string[], collector: Collector, contacts: ContactsRun | null): Promise<string> {
  const base = path.basename(p.fileName).replace(/\.[^.]+$/, '');
  const file = path.join(ctx.jobDir, `${base}_错误行.xlsx`);
  const width = Math.max(headers.length, ...collector.invalidRows.map((r) => r.cells.length));
  const columns = Array.from({ length: width }, (_, i) => ({ header: headers[i] || `第${i + 1}列`, kind: errorColumnKind(p.mapping[i]) }));
  // The writer (and exceljs with it) is loaded only when there are invalid rows to write.
  const { openXlsxWriter } = await import('../../excel/write');
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
    if (contacts) {
      const rows = contacts.collector.invalidRows;
      const w = Math.max(contacts.headers.length, ...rows.map((r) => r.cells.length));
      const mapping = p.contacts!.mapping;
      await writer.nextSheet({
        sheetName: contacts.sheet === '错误行' ? `${contacts.sheet}2` : contacts.sheet,
        columns: [
          ...Array.from({ length: w }, (_, i) => ({ header: contacts.headers[i] || `第${i + 1}列`, kind: errorColumnKind(mapping[i]) })),
          { header: ERROR_COLUMN_LABEL, kind: 'text' },
        ],
        title: `联系人工作表「${contacts.sheet}」：以下 ${rows.length} 行未导入，请按“${ERROR_COLUMN_LABEL}”修改后重新导入`,
      });
      for (const r of rows) {
        const cells = Array.from({ length: w }, (_, i) => outValue(r.cells[i] ?? null));
        await writer.write([...cells, r.reasons.join('；')]);
      }
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
 * The contacts sheet, read and checked after the main sheet (whose customers its rows
 * refer to). A second pass over the workbook: the streaming reader cannot hold one
 * sheet while it reads another.
 */
async function readContactsSheet(ctx: TaskContext, p: ImportParams, registry: SheetCustomers): Promise<ContactsRun> {
  const spec = p.contacts!;
  const source = openTable(p.filePath, p.fileName, { sheet: spec.sheet });
  const collector = new Collector(source.sheet);
  const user: SessionUser = { id: ctx.user.id, name: ctx.user.name, displayName: ctx.user.displayName, role: ctx.user.role, mustChangePassword: false };
  let run: ContactsRun | null = null;
  let mapped: number[] = [];
  let read = 0;
  ctx.progress({ phase: 'read', message: `正在读取联系人工作表「${source.sheet}」…` });
  for await (const r of source.rows()) {
    if (r.row < spec.headerRow) continue;
    if (r.row === spec.headerRow) {
      const headers = r.cells.map((c) => cellText(c));
      const columns = new Columns(headers, spec.mapping, CONTACT_SHEET_FIELDS);
      mapped = columns.entries().map(([, i]) => i);
      const importer = contactSheetImporter({ db: ctx.db, user, now: ctx.now, mode: p.mode, sheet: source.sheet, columns, collector, registry });
      run = { sheet: source.sheet, headers, importer, collector };
      continue;
    }
    if (!run) continue;
    if (mapped.every((i) => isBlank(r.cells[i] ?? null))) continue;
    run.importer.add(r);
    if (++read % 250 === 0) {
      ctx.checkCancelled();
      ctx.progress({ phase: 'read', message: `已检查联系人工作表 ${fmt(read)} 行` });
    }
  }
  if (!run) throw badInput(`联系人工作表「${source.sheet}」没有第 ${spec.headerRow} 行的表头`, 'contacts.headerRow');
  ctx.checkCancelled();
  return run;
}

/**
 * The sequential import: rows are read and checked while streaming (no lock held, the
 * app stays usable); then the whole plan is written in ONE immediate transaction.
 */
async function sequentialImport(ctx: TaskContext, p: ImportParams, table: TableSource, bar: ReadBar): Promise<ImportOutcome> {
  const collector = new Collector();
  // The main sheet's customers, for the contacts sheet that is read after it.
  const registry = p.contacts ? new SheetCustomers(table.sheet) : null;
  let contacts: ContactsRun | null = null;
  const at = localTimestamp(ctx.now);
  let headers: string[] = [];
  // Set at the header row, from inside the loop.
  let importer = null as Importer | null;
  try {
    // Read on this thread: the dedicated sheet reader (fastSheet.ts) parses 100,000 rows in about
    // 0.4 s, less than a reader thread took to start, and leaves the second core to the pinyin helper.
    const { read } = await loopSheet({
      table,
      headerRow: p.headerRow,
      mapping: p.mapping,
      fields: importFields(p.kind, p.metrics),
      onHeader(h, columns) {
        headers = h;
        const env: ImporterEnv = { db: ctx.db, user: ctx.user, now: ctx.now, mode: p.mode, columns, collector, metrics: p.metrics, task: ctx, workerEntry: ctx.workerEntry };
        const made = registry ? recordSheetCustomers(importerFor(env, p, table.size), env, registry) : importerFor(env, p, table.size);
        importer = made;
        return (row) => made.add(row);
      },
      onProgress(read, lastRow, bytes) {
        ctx.checkCancelled();
        ctx.progress({ phase: 'read', ...bar(lastRow, bytes), rowsRead: read, rowsValidated: read, message: `已读取并检查 ${fmt(read)} 行` });
      },
    });
    if (!importer) throw new Error('loopSheet returned without a header');
    ctx.progress({ phase: 'validate', done: 1, total: 1, rowsRead: read, rowsValidated: read, message: `已检查 ${fmt(read)} 行，正在整理…` });
    await importer.ready();
    ctx.checkCancelled();
    if (p.contacts && registry) contacts = await readContactsSheet(ctx, p, registry);

    const plan = importer.planned();
    const contactPlan = contacts?.importer.planned() ?? { inserts: 0, updates: 0 };
    const mainWrites = plan.inserts + plan.updates;
    const toWrite = mainWrites + contactPlan.inserts + contactPlan.updates;
    const refused = p.allOrNothing && invalidRows({ collector, contacts }) > 0;
    const outcome: ImportOutcome = { headers, collector, plan, contacts, refused, batchId: null, committed: false };
    if (refused || toWrite === 0) return outcome;

    ctx.progress({ phase: 'write', done: 0, total: toWrite, message: p.dryRun ? '正在预演写入…' : '正在写入数据库…' });
    const work = importer;
    const tx = ctx.db.transaction(() => {
      const id = createBatch(ctx.db, { kind: p.kind, mode: p.mode, fileName: p.fileName, userId: ctx.user.id, at });
      const step = (n: number) => {
        if (n % 200 === 0) {
          ctx.checkCancelled();
          ctx.progress({ phase: 'write', done: n, total: toWrite, rowsWritten: n, message: `已写入 ${fmt(n)} / ${fmt(toWrite)} 条` });
        }
      };
      work.write({ at, userId: ctx.user.id, batchId: id }, step);
      contacts?.importer.write({ at, userId: ctx.user.id, batchId: id }, (n) => step(mainWrites + n));
      ctx.checkCancelled();
      closeBatch(ctx, p, id, outcome);
      return id;
    });
    // On disk when it returns; the WAL checkpoint waits until the user has the answer.
    const commit = () => commitDurablyDeferringCheckpoint(ctx.db, () => tx.immediate());
    try {
      // A big import touches index pages all over a large archive: a larger page cache for its one transaction.
      const batchId = toWrite >= BIG_WRITE_ROWS ? withPageCache(ctx.db, WRITE_CACHE_KIB, commit) : commit();
      // New monthly volumes can mean a sharp drop: the churn warnings are evaluated as the import finishes.
      if (p.kind === 'volume') evaluateWarnings(ctx.db, ctx.now, ctx.user.id);
      return { ...outcome, batchId, committed: true };
    } catch (e) {
      if (e instanceof DryRunRollback) return outcome;
      throw e;
    }
  } finally {
    importer?.close();
  }
}

/**
 * An import job: read, check and write in ONE immediate transaction (sequentialImport,
 * or pipelinedImport for a big customer file on a worker). A cancel, an error or a
 * killed process before COMMIT leaves the database as it was. A dry run writes
 * everything the same way and rolls back, so it reports exactly what a real run would
 * do (automatic codes, uniqueness included). `spare`: helper threads a job thread
 * standing by started for it (the import task's `ahead` hook, tasks.ts).
 */
export async function runImport(ctx: TaskContext, p: ImportParams, spare?: SpareHelpers): Promise<TaskResult> {
  checkMapping(p);
  const helpers = startPipelineHelpers(ctx, p, spare);
  let outcome: ImportOutcome;
  try {
    outcome = await readCheckAndWrite(ctx, p, helpers);
  } finally {
    helpers?.close();
  }
  if (outcome.refused && !p.dryRun) auditRefused(ctx, p, outcome);
  return reportOf(ctx, p, outcome);
}

async function readCheckAndWrite(ctx: TaskContext, p: ImportParams, helpers: PipelineHelpers | null): Promise<ImportOutcome> {
  const table = openTable(p.filePath, p.fileName, { sheet: p.sheet });
  if (p.contacts && table.format !== 'xlsx') throw badInput('CSV 文件只有一张表，不能另带联系人工作表', 'contacts');
  if (p.contacts && p.contacts.sheet === table.sheet) throw badInput('联系人工作表不能与客户工作表是同一个工作表', 'contacts.sheet');

  // Rows are what the bar counts when the sheet says (or lets us guess) how many it has; else bytes.
  const rowTotal = table.format === 'xlsx' ? estimateSheetRows(p.filePath, table.sheets.find((s) => s.name === table.sheet)?.part ?? null) : null;
  const bar: ReadBar = (lastRow, bytes) => (rowTotal ? { done: Math.min(lastRow, Math.floor(rowTotal * 0.99)), total: rowTotal } : { done: bytes, total: table.size });
  ctx.progress({ phase: 'read', done: 0, total: rowTotal ?? table.size, message: '正在读取文件…' });
  return helpers ? pipelinedImport(ctx, p, helpers, bar) : sequentialImport(ctx, p, table, bar);
}

/** The job's answer: the report the screens and the CLI show, and the error file when rows were invalid. */
async function reportOf(ctx: TaskContext, p: ImportParams, o: ImportOutcome): Promise<TaskResult> {
  const { collector, contacts, plan, refused, committed } = o;
  const counts = collector.counts;
  const invalid = invalidRows(o);
  const written = !refused && (committed || p.dryRun);
  const inserted = written ? plan.inserts : 0;
  const updated = written ? plan.updates : 0;
  const files: TaskResult['files'] = [];
  if (collector.invalidRows.length || contacts?.collector.invalidRows.length) {
    const file = await writeErrorFile(ctx, p, o.headers, collector, contacts);
    files.push({ file: 'errors', path: file, fileName: path.basename(file) });
  }
  const contactsReport = contactsCounts(contacts, written);
  const tail = counts.invalid ? `，错误 ${fmt(counts.invalid)} 行` : '';
  const contactTail = contactsReport
    ? `；联系人${contactsReport.sheet === CONTACTS_SHEET_NAME ? '' : `（工作表「${contactsReport.sheet}」）`}${p.dryRun ? '将' : ''}新增 ${fmt(contactsReport.inserted)} 个，更新 ${fmt(contactsReport.updated)} 个，跳过 ${fmt(contactsReport.skipped)} 个${contactsReport.invalid ? `，错误 ${fmt(contactsReport.invalid)} 行` : ''}`
    : '';
  const summary = refused
    ? `有 ${fmt(invalid)} 行错误，按“全部正确才导入”的要求${p.dryRun ? '将不会' : '未'}导入任何数据`
    : p.dryRun
      ? `预检完成（未写入）：将新增 ${fmt(inserted)} 条，更新 ${fmt(updated)} 条，跳过 ${fmt(counts.skipped)} 条${tail}${contactTail}`
      : `导入完成：新增 ${fmt(inserted)} 条，更新 ${fmt(updated)} 条，跳过 ${fmt(counts.skipped)} 条${tail}${contactTail}${invalid ? '（错误行未导入，可下载后修改再导入）' : ''}`;
  const byRow = (a: { row: number }, b: { row: number }) => a.row - b.row;
  const report: ImportReport = {
    kind: 'import',
    importKind: p.kind,
    fileName: p.fileName,
    mode: p.mode,
    dryRun: p.dryRun,
    allOrNothing: p.allOrNothing,
    committed: committed && !p.dryRun,
    batchId: o.batchId,
    total: counts.total,
    inserted,
    updated,
    skipped: counts.skipped,
    invalid: counts.invalid,
    errors: [...collector.errors, ...(contacts?.collector.errors ?? [])].slice(0, MAX_LISTED_ISSUES),
    errorCount: collector.errorCount + (contacts?.collector.errorCount ?? 0),
    warnings: [...collector.warnings, ...(contacts?.collector.warnings ?? [])].slice(0, MAX_LISTED_ISSUES),
    warningCount: collector.warningCount + (contacts?.collector.warningCount ?? 0),
    // Main-sheet rows first, then the contacts sheet's (each carries `sheet`).
    rows: [...collector.rows.sort(byRow), ...(contacts?.collector.rows.sort(byRow) ?? [])],
    rowsTruncated: collector.rowsTruncated || (contacts?.collector.rowsTruncated ?? false),
    errorFile: files.length > 0,
    contacts: contactsReport,
    summary,
  };
  const contactPlan = contacts?.importer.planned() ?? { inserts: 0, updates: 0 };
  ctx.progress({ phase: 'finish', rowsWritten: committed ? plan.inserts + plan.updates + contactPlan.inserts + contactPlan.updates : 0, message: summary });
  return { report, files };
}
