import type { ImportField } from '../../../../shared/domain/importFields';
import type { InspectedColumn } from '../../../../shared/domain/imports';

/**
 * The column → field choice the user edits on the mapping screen, and what is
 * wrong with it. Kept apart from the screen so the rules are plain functions.
 */
export type Mapping = (string | null)[];

export function mappingOf(columns: readonly InspectedColumn[]): Mapping {
  const out: Mapping = [];
  for (const c of columns) out[c.index] = c.field;
  for (let i = 0; i < out.length; i++) if (out[i] === undefined) out[i] = null;
  return out;
}

export interface MappingProblems {
  /** Labels of required fields no column is mapped to. */
  missing: string[];
  /** Field key → header texts of the columns that all chose it. */
  doubled: Map<string, string[]>;
}

/** `missingOf` replaces the plain required-field rule (the contacts sheet needs any one customer key). */
export function mappingProblems(
  mapping: Mapping,
  columns: readonly InspectedColumn[],
  fields: readonly ImportField[],
  missingOf?: (mapping: Mapping) => string[],
): MappingProblems {
  const chosen = new Map<string, string[]>();
  for (const c of columns) {
    const f = mapping[c.index];
    if (!f) continue;
    chosen.set(f, [...(chosen.get(f) ?? []), c.header || `第${c.index + 1}列`]);
  }
  const missing = missingOf ? missingOf(mapping) : fields.filter((f) => f.required && !chosen.has(f.key)).map((f) => f.label);
  const doubled = new Map([...chosen].filter(([, heads]) => heads.length > 1));
  return { missing, doubled };
}

export function problemText(p: MappingProblems, fields: readonly ImportField[], prefix = ''): string[] {
  const label = (key: string) => fields.find((f) => f.key === key)?.label ?? key;
  const out: string[] = [];
  if (p.missing.length) out.push(`${prefix}必填项「${p.missing.join('」「')}」还没有对应的列`);
  for (const [key, heads] of p.doubled) out.push(`${prefix}「${label(key)}」同时对应了「${heads.join('」「')}」几列，请只保留一列`);
  return out;
}

/** Spreadsheet column letters (A, B … Z, AA …) as Excel shows them above the header. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
