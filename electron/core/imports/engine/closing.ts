import { IMPORT_KIND_LABELS, type ContactsReport } from '../../../../shared/domain/imports';
import { writeAudit } from '../../audit/log';
import { localTimestamp } from '../../clock';
import type { TaskContext } from '../../jobs/types';
import { finishBatch } from './batches';
import type { Collector } from './collector';
import type { ContactSheetImporter } from '../customers/contactSheet';
import { CONTACTS_LAYOUT, rememberMapping } from './layouts';
import type { ImportParams } from './params';

/** Thrown inside a dry run's transaction after everything was written, so SQLite undoes it all. */
export class DryRunRollback extends Error {}

/** Page cache of a big import's write transaction, in KiB (from BIG_WRITE_ROWS rows to write on). */
export const WRITE_CACHE_KIB = 128 * 1024;
export const BIG_WRITE_ROWS = 5000;

/** The contacts sheet of a customer import, checked after the main sheet. */
export interface ContactsRun {
  sheet: string;
  headers: string[];
  importer: ContactSheetImporter;
  collector: Collector;
}

/** What reading and writing an import came to, sequential or pipelined: the report is made from it. */
export interface ImportOutcome {
  headers: string[];
  collector: Collector;
  /** Rows the checks planned to insert and update (written only if `committed`, or in a dry run). */
  plan: { inserts: number; updates: number };
  contacts: ContactsRun | null;
  /** "Import only if every row is valid" and some row was not: nothing was written. */
  refused: boolean;
  batchId: number | null;
  committed: boolean;
}

/** The row counter's figures while reading: rows when the sheet says (or lets us guess) how many it has, else bytes. */
export type ReadBar = (lastRow: number, bytes: number) => { done: number; total: number };

/**
 * The contacts sheet's counts, one computation for the report, the batch and the audit
 * log; inserted/updated as planned when the plan was (or in a dry run would have been)
 * written, else 0. Null without a contacts sheet.
 */
export function contactsCounts(contacts: ContactsRun | null, written: boolean): ContactsReport | null {
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

/** Invalid rows of the main sheet and the contacts sheet: what "import only if every row is valid" refuses on. */
export function invalidRows(o: Pick<ImportOutcome, 'collector' | 'contacts'>): number {
  return o.collector.counts.invalid + (o.contacts?.collector.counts.invalid ?? 0);
}

const auditTarget = (p: ImportParams) => `${IMPORT_KIND_LABELS[p.kind]}：${p.fileName}`;

/**
 * The last writes of an import's transaction, once its rows are written: the batch's
 * counts, the remembered column layouts and the audit entry. A dry run stops with
 * DryRunRollback after the counts, which undoes everything it wrote.
 */
export function closeBatch(ctx: TaskContext, p: ImportParams, id: number, o: Pick<ImportOutcome, 'headers' | 'collector' | 'plan' | 'contacts'>): void {
  const counts = o.collector.counts;
  const final = { total: counts.total, inserted: o.plan.inserts, updated: o.plan.updates, skipped: counts.skipped, invalid: counts.invalid };
  // Inside this transaction the plan is written: the counts the report gives a committed import.
  const contactsFinal = contactsCounts(o.contacts, true);
  finishBatch(ctx.db, id, final, contactsFinal);
  if (p.dryRun) throw new DryRunRollback();
  const at = localTimestamp(ctx.now);
  rememberMapping(ctx.db, p.kind, o.headers, p.mapping, ctx.user.id, at);
  if (o.contacts) rememberMapping(ctx.db, CONTACTS_LAYOUT, o.contacts.headers, p.contacts!.mapping, ctx.user.id, at);
  writeAudit(ctx.db, ctx.now, {
    userId: ctx.user.id,
    userName: ctx.user.name,
    action: 'import',
    target: auditTarget(p),
    detail: { batchId: id, mode: p.mode, ...final, ...(contactsFinal ? { contacts: contactsFinal } : {}) },
    host: ctx.host,
  });
}

/** The audit entry of an import refused because some row was invalid ("import only if every row is valid"). */
export function auditRefused(ctx: TaskContext, p: ImportParams, o: Pick<ImportOutcome, 'collector' | 'contacts'>): void {
  const counts = o.collector.counts;
  const contactCounts = o.contacts?.collector.counts ?? null;
  writeAudit(ctx.db, ctx.now, {
    userId: ctx.user.id,
    userName: ctx.user.name,
    action: 'import',
    target: auditTarget(p),
    detail: { mode: p.mode, refused: true, invalid: counts.invalid, total: counts.total, ...(contactCounts ? { contactsInvalid: contactCounts.invalid } : {}) },
    ok: false,
    host: ctx.host,
  });
}
