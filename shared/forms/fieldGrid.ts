import { esc } from './page';

/**
 * The label/value grid most paper forms are made of: four columns (label, value,
 * label, value) on portrait A4; a field marked `wide` takes a whole line, so long
 * text wraps over the full width instead of a narrow cell.
 */
export interface Field {
  label: string;
  value: string | number | null | undefined;
  wide?: boolean;
  /** Minimum height (mm) for a box filled in by hand or holding long text. */
  minMm?: number;
}

export const FIELD_GRID_CSS = `
table.fields td.l { width: 27mm; background: #f3f3f3; font-weight: bold; text-align: center; }
table.fields td.v { white-space: pre-wrap; }
table.fields td { height: 8.5mm; }
h2.section { font-size: 11pt; margin: 4mm 0 1.5mm; }`;

function valueCell(f: Field, colspan: number): string {
  const style = f.minMm ? ` style="height:${f.minMm}mm;vertical-align:top"` : '';
  return `<td class="v"${colspan > 1 ? ` colspan="${colspan}"` : ''}${style}>${esc(f.value)}</td>`;
}

export function fieldGrid(fields: readonly Field[]): string {
  const rows: string[] = [];
  let pending: Field | null = null;
  const flush = () => {
    if (pending) rows.push(`<tr><td class="l">${esc(pending.label)}</td>${valueCell(pending, 3)}</tr>`);
    pending = null;
  };
  for (const f of fields) {
    if (f.wide) {
      flush();
      rows.push(`<tr><td class="l">${esc(f.label)}</td>${valueCell(f, 3)}</tr>`);
    } else if (pending) {
      const p: Field = pending;
      rows.push(`<tr><td class="l">${esc(p.label)}</td>${valueCell(p, 1)}<td class="l">${esc(f.label)}</td>${valueCell(f, 1)}</tr>`);
      pending = null;
    } else pending = f;
  }
  flush();
  return `<table class="grid fields"><colgroup><col style="width:27mm"><col><col style="width:27mm"><col></colgroup><tbody>${rows.join('\n')}</tbody></table>`;
}

/** A ruled table with its header repeated on every page; cells are escaped text. */
export function gridTable(columns: readonly { title: string; mm?: number }[], rows: readonly (string | number | null | undefined)[][], cls = ''): string {
  return `<table class="grid ${cls}"><colgroup>${columns.map((c) => (c.mm ? `<col style="width:${c.mm}mm">` : '<col>')).join('')}</colgroup>
<thead><tr>${columns.map((c) => `<th>${esc(c.title)}</th>`).join('')}</tr></thead>
<tbody>${rows.map((r) => `<tr>${r.map((v) => `<td>${esc(v)}</td>`).join('')}</tr>`).join('\n')}</tbody></table>`;
}
