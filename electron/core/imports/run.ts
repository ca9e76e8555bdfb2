import path from 'node:path';
import { formatCount } from '../../../shared/format';
import type { SessionUser } from '../../../shared/api/contract';
import {
  CONTACT_SHEET_FIELDS,
  CONTACTS_SHEET_NAME,
  ERROR_COLUMN_LABEL,
  IMPORT_KIND_LABELS,
  importFields,
  missingContactFields,
  missingRequired,
  type ContactsReport,
  type ImportField,
  type ImportReport,
} from '../../../shared/domain/excel';
import { writeAudit } from '../audit/log';
import { commitDurablyDeferringCheckpoint } from '../db/durableCommit';
import { withPageCache } from '../db/pageCache';
import { localTimestamp } from '../clock';
import { badInput } from '../errors';
import { estimateSheetRows } from '../excel/rowEstimate';
import { openTable, type CellValue } from '../excel/read';
import { cellText, isBlank } from '../excel/values';
import { loopSheet } from './sheetLoop';
import type { ColumnKind } from '../excel/write';
import type { TaskContext, TaskResult } from '../jobs/types';
import { createBatch, finishBatch } from './batches';
import { Collector, Columns, MAX_LISTED_ISSUES } from './collector';
import { contactSheetImporter, recordSheetCustomers, SheetCustomers, type ContactSheetImporter } from './contactSheet';
import { customerImporter, customerKeysFor, nameSearchFor } from './customers';
import type { Importer, ImporterEnv } from './importer';
import { CONTACTS_LAYOUT, rememberMapping } from './layouts';
import type { ImportParams } from './params';
import { visitImporter } from './visits';
import { volumeImporter } from './volume';

/** Thrown inside a dry run's transaction after everything was written, so SQLite undoes it all. */
class DryRunRollback extends Error {}

const fmt = formatCount;
const WRITE_CACHE_KIB = 128 * 1024;

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

interface ContactsRun {
  sheet: string;
  headers: string[];
  importer: ContactSheetImporter;
  collector: Collector;
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
  const { openXlsxWriter } = await import('../excel/write');
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
 * The contacts sheet's counts, one computation for the report, the batch and the audit
 * log; inserted/updated as planned when the plan was (or in a dry run would have been)
 * written, else 0. Null without a contacts sheet.
 */
function contactsCounts(contacts: ContactsRun | null, written: boolean): ContactsReport | null {
  if (!contacts) return null;
  const plan = contacts.importer.planned();
  const c = contacts.collector.counts;
  return {
    sheet: contacts.sheet,
    total: c.total,
    inserted: written ? plan.inserts : 0,
    updated: written ? plan.updates : 0,
    skipped: c.skipped,
    invalid: c.invalid,
  };
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
 * An import job. Rows are read and checked while streaming (no lock held, the app
 * stays usable); then the whole plan is written in ONE immediate transaction. A
 * cancel, an error or a killed process before COMMIT leaves the database as it was.
 * A dry run writes everything the same way and rolls back, so it reports exactly
 * what a real run would do (automatic codes, uniqueness included).
 */
export async function runImport(ctx: TaskContext, p: ImportParams): Promise<TaskResult> {
  checkMapping(p);
  const table = openTable(p.filePath, p.fileName, { sheet: p.sheet });
  if (p.contacts && table.format !== 'xlsx') throw badInput('CSV 文件只有一张表，不能另带联系人工作表', 'contacts');
  if (p.contacts && p.contacts.sheet === table.sheet) throw badInput('联系人工作表不能与客户工作表是同一个工作表', 'contacts.sheet');
  const fields = importFields(p.kind, p.metrics);
  const collector = new Collector();
  // The main sheet's customers, for the contacts sheet that is read after it.
  const registry = p.contacts ? new SheetCustomers(table.sheet) : null;
  let contacts: ContactsRun | null = null;
  const at = localTimestamp(ctx.now);
  let headers: string[] = [];
  // Set at the header row, from inside the loop.
  let importer = null as Importer | null;

  // Rows are what the bar counts when the sheet says (or lets us guess) how many it has; else bytes.
  const rowTotal = table.format === 'xlsx' ? estimateSheetRows(p.filePath, table.sheets.find((s) => s.name === table.sheet)?.part ?? null) : null;
  const bar = (lastRow: number, bytes: number) => (rowTotal ? { done: Math.min(lastRow, Math.floor(rowTotal * 0.99)), total: rowTotal } : { done: bytes, total: table.size });
  ctx.progress({ phase: 'read', done: 0, total: rowTotal ?? table.size, message: '正在读取文件…' });
  try {
    // Read on this thread: the dedicated sheet reader (fastSheet.ts) parses 100,000 rows in about
    // 0.4 s, less than a reader thread took to start, and leaves the second core to the pinyin helper.
    const loop = await loopSheet({
      table,
      headerRow: p.headerRow,
      mapping: p.mapping,
      fields,
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
    const read = loop.read;
    if (!importer) throw new Error('loopSheet returned without a header');
    ctx.progress({ phase: 'validate', done: 1, total: 1, rowsRead: read, rowsValidated: read, message: `已检查 ${fmt(read)} 行，正在整理…` });
    await importer.ready();
    ctx.checkCancelled();
    if (p.contacts && registry) contacts = await readContactsSheet(ctx, p, registry);

    const plan = importer.planned();
    const counts = collector.counts;
    const contactPlan = contacts?.importer.planned() ?? { inserts: 0, updates: 0 };
    const contactCounts = contacts?.collector.counts ?? null;
    const mainWrites = plan.inserts + plan.updates;
    const toWrite = mainWrites + contactPlan.inserts + contactPlan.updates;
    const invalidRows = counts.invalid + (contactCounts?.invalid ?? 0);
    const refused = p.allOrNothing && invalidRows > 0;
    let batchId: number | null = null;
    let committed = false;

    if (!refused && toWrite > 0) {
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
        const final = { total: counts.total, inserted: plan.inserts, updated: plan.updates, skipped: counts.skipped, invalid: counts.invalid };
        // Inside this transaction the plan is written: the counts the report gives a committed import.
        const contactsFinal = contactsCounts(contacts, true);
        finishBatch(ctx.db, id, final, contactsFinal);
        if (p.dryRun) throw new DryRunRollback();
        rememberMapping(ctx.db, p.kind, headers, p.mapping, ctx.user.id, at);
        if (contacts) rememberMapping(ctx.db, CONTACTS_LAYOUT, contacts.headers, p.contacts!.mapping, ctx.user.id, at);
        const contactDetail = contactsFinal ? { contacts: contactsFinal } : {};
        writeAudit(ctx.db, ctx.now, {
          userId: ctx.user.id,
          userName: ctx.user.name,
          action: 'import',
          target: `${IMPORT_KIND_LABELS[p.kind]}：${p.fileName}`,
          detail: { batchId: id, mode: p.mode, ...final, ...contactDetail },
        });
        batchId = id;
      });
      // On disk when it returns; the WAL checkpoint waits until the user has the answer.
      const commit = () => commitDurablyDeferringCheckpoint(ctx.db, () => tx.immediate());
      try {
        // A big import touches index pages all over a large archive: a larger page cache for its one transaction.
        if (toWrite >= 5000) withPageCache(ctx.db, WRITE_CACHE_KIB, commit);
        else commit();
        committed = true;
      } catch (e) {
        if (!(e instanceof DryRunRollback)) throw e;
      }
    } else if (!p.dryRun && refused) {
      writeAudit(ctx.db, ctx.now, {
        userId: ctx.user.id,
        userName: ctx.user.name,
        action: 'import',
        target: `${IMPORT_KIND_LABELS[p.kind]}：${p.fileName}`,
        detail: { mode: p.mode, refused: true, invalid: counts.invalid, total: counts.total, ...(contactCounts ? { contactsInvalid: contactCounts.invalid } : {}) },
        ok: false,
      });
    }

    const wouldWrite = !refused;
    const inserted = wouldWrite && (committed || p.dryRun) ? plan.inserts : 0;
    const updated = wouldWrite && (committed || p.dryRun) ? plan.updates : 0;
    const files: TaskResult['files'] = [];
    if (collector.invalidRows.length || contacts?.collector.invalidRows.length) {
      const file = await writeErrorFile(ctx, p, headers, collector, contacts);
      files.push({ file: 'errors', path: file, fileName: path.basename(file) });
    }
    const written = wouldWrite && (committed || p.dryRun);
    const contactsReport = contactsCounts(contacts, written);
    const tail = counts.invalid ? `，错误 ${fmt(counts.invalid)} 行` : '';
    const contactTail = contactsReport
      ? `；联系人${contactsReport.sheet === CONTACTS_SHEET_NAME ? '' : `（工作表「${contactsReport.sheet}」）`}${p.dryRun ? '将' : ''}新增 ${fmt(contactsReport.inserted)} 个，更新 ${fmt(contactsReport.updated)} 个，跳过 ${fmt(contactsReport.skipped)} 个${contactsReport.invalid ? `，错误 ${fmt(contactsReport.invalid)} 行` : ''}`
      : '';
    const summary = refused
      ? `有 ${fmt(invalidRows)} 行错误，按“全部正确才导入”的要求${p.dryRun ? '将不会' : '未'}导入任何数据`
      : p.dryRun
        ? `预检完成（未写入）：将新增 ${fmt(inserted)} 条，更新 ${fmt(updated)} 条，跳过 ${fmt(counts.skipped)} 条${tail}${contactTail}`
        : `导入完成：新增 ${fmt(inserted)} 条，更新 ${fmt(updated)} 条，跳过 ${fmt(counts.skipped)} 条${tail}${contactTail}${invalidRows ? '（错误行未导入，可下载后修改再导入）' : ''}`;
    const byRow = (a: { row: number }, b: { row: number }) => a.row - b.row;
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
    ctx.progress({ phase: 'finish', rowsWritten: committed ? toWrite : 0, message: summary });
    return { report, files };
  } finally {
    importer?.close();
  }
}
