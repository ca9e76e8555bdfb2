import type { ImportField } from '../../../../shared/domain/importFields';
import type { ImportIssue, RowAction, RowOutcome } from '../../../../shared/domain/imports';
import type { CellValue } from '../../excel/types';
import { convertCell, isBlank } from '../../excel/values';

/** The report lists this many errors/warnings/rows; the error workbook holds all invalid rows. */
export const MAX_LISTED_ISSUES = 1000;
export const MAX_LISTED_ROWS = 2000;

export interface InvalidRow {
  row: number;
  cells: CellValue[];
  reasons: string[];
}

/** Column names for messages: the header as the user wrote it, or the field's own name when unmapped. */
export class Columns {
  private readonly byField = new Map<string, number>();

  constructor(
    readonly headers: readonly string[],
    mapping: readonly (string | null)[],
    private readonly fields: readonly ImportField[],
  ) {
    mapping.forEach((f, i) => {
      if (f && !this.byField.has(f)) this.byField.set(f, i);
    });
  }

  index(field: string): number | undefined {
    return this.byField.get(field);
  }

  has(field: string): boolean {
    return this.byField.has(field);
  }

  /** [field, column index] of every mapped column. */
  entries(): [string, number][] {
    return [...this.byField.entries()];
  }

  /** Every mapped column with its field's type: what a row loop needs, looked up once. */
  mapped(): { field: string; index: number; type: ImportField['type'] }[] {
    return this.entries().map(([field, index]) => ({ field, index, type: this.field(field)!.type }));
  }

  label(field: string): string {
    const i = this.byField.get(field);
    if (i !== undefined && this.headers[i]) return this.headers[i];
    return this.fields.find((f) => f.key === field)?.label ?? field;
  }

  field(key: string): ImportField | undefined {
    return this.fields.find((f) => f.key === key);
  }

  private mappedOnce?: ReturnType<Columns['mapped']>;

  /**
   * A row's mapped cells converted by their fields' types: the values (blank cells, empty
   * text and empty lists left out, so they never overwrite) and the cells that would not
   * convert, named by their column. Every importer reads its rows through this.
   */
  convert(row: number, cells: readonly CellValue[]): { values: Record<string, unknown>; issues: ImportIssue[] } {
    const issues: ImportIssue[] = [];
    const values: Record<string, unknown> = {};
    for (const { field, index, type } of (this.mappedOnce ??= this.mapped())) {
      const cell = cells[index] ?? null;
      if (isBlank(cell)) continue;
      const c = convertCell(cell, type);
      if (!c.ok) issues.push({ row, column: this.label(field), message: c.message });
      else if (c.value !== '' && !(Array.isArray(c.value) && !c.value.length)) values[field] = c.value;
    }
    return { values, issues };
  }
}

/** Outcome of every row, counts, capped lists for the screen and all invalid rows for the error file. */
export class Collector {
  /** `sheet`: the contacts sheet's name, stamped on its issues and row outcomes (the main sheet's carry none). */
  constructor(readonly sheet?: string) {}

  readonly counts = { total: 0, inserted: 0, updated: 0, skipped: 0, invalid: 0 };
  readonly errors: ImportIssue[] = [];
  errorCount = 0;
  readonly warnings: ImportIssue[] = [];
  warningCount = 0;
  readonly rows: RowOutcome[] = [];
  rowsTruncated = false;
  readonly invalidRows: InvalidRow[] = [];

  private stamp<T extends { sheet?: string }>(x: T): T {
    return this.sheet === undefined ? x : { sheet: this.sheet, ...x };
  }

  error(issue: ImportIssue): void {
    this.errorCount++;
    if (this.errors.length < MAX_LISTED_ISSUES) this.errors.push(this.stamp(issue));
  }

  warning(issue: ImportIssue): void {
    this.warningCount++;
    if (this.warnings.length < MAX_LISTED_ISSUES) this.warnings.push(this.stamp(issue));
  }

  outcome(o: RowOutcome): void {
    if (this.rows.length < MAX_LISTED_ROWS) this.rows.push(this.stamp(o));
    else this.rowsTruncated = true;
  }

  /** A row that cannot be imported: its issues are listed and its cells kept for the error workbook. */
  invalid(row: number, cells: CellValue[], issues: ImportIssue[], key: string, name: string): void {
    this.counts.invalid++;
    for (const i of issues) this.error(i);
    this.invalidRows.push({ row, cells, reasons: issues.map((i) => (i.column && !i.message.startsWith(i.column) ? `${i.column}：${i.message}` : i.message)) });
    this.outcome({ row, action: 'invalid', key, name, detail: issues.map((i) => i.message).join('；') });
  }

  planned(row: number, action: Exclude<RowAction, 'invalid'>, key: string, name: string, detail = ''): void {
    this.outcome({ row, action, key, name, detail });
  }
}
