import { CONTACT_SHEET_FIELDS, CONTACTS_SHEET_NAME, type ImportField } from '../../../../shared/domain/importFields';
import { importFields } from '../../../../shared/domain/imports';
import { HEADER_SEARCH_ROWS, findHeaderRow, looksLikeContactsHeader, missingContactFields, missingRequired, suggestMapping } from '../../../../shared/domain/headerMatch';
import type { ContactsInspection, ImportInspection, ImportKind } from '../../../../shared/domain/imports';
import type { Db } from '../../db/connection';
import { badInput } from '../../errors';
import { openTable, readSheetHeads, type TableSource } from '../../excel/read';
import type { CellValue, SheetRow } from '../../excel/types';
import { cellText, isBlank } from '../../excel/values';
import { CONTACTS_LAYOUT, layoutHash, rememberedMapping } from './layouts';
import type { Upload } from './uploads';

const PREVIEW_ROWS = 20;

interface Head {
  headerRow: number;
  headers: string[];
  preview: { row: number; cells: string[] }[];
}

/** Header row (given, or found below any title rows), header texts and preview rows of a sheet's first rows. */
function readHead(head: SheetRow[], fields: readonly ImportField[], wantedHeaderRow: number | undefined, field: string): Head {
  // Rows as a dense grid by row number (Excel may skip empty rows entirely).
  const byNumber = new Map(head.map((r) => [r.row, r.cells]));
  const lastRow = head[head.length - 1].row;
  const grid: CellValue[][] = Array.from({ length: lastRow }, (_, i) => byNumber.get(i + 1) ?? []);

  let headerRow = wantedHeaderRow;
  if (headerRow === undefined) {
    const found = findHeaderRow(grid.slice(0, HEADER_SEARCH_ROWS).map((cells) => cells.map((c) => cellText(c))), fields);
    headerRow = found >= 0 ? found + 1 : (head.find((r) => r.cells.some((c) => !isBlank(c)))?.row ?? 1);
  }
  const headerCells = grid[headerRow - 1] ?? [];
  const headers = headerCells.map((c) => cellText(c));
  while (headers.length && headers[headers.length - 1] === '') headers.pop();
  if (!headers.length) throw badInput(`第 ${headerRow} 行是空行，请指定表头所在的行`, field);
  const preview: Head['preview'] = [];
  for (let i = headerRow; i < grid.length && preview.length < PREVIEW_ROWS; i++) {
    const cells = grid[i];
    if (!cells.length || cells.every((c) => isBlank(c))) continue;
    preview.push({ row: i + 1, cells: headers.map((_, j) => cellText(cells[j] ?? null)) });
  }
  return { headerRow, headers, preview };
}

const hasData = (rows: SheetRow[] | undefined): rows is SheetRow[] => !!rows?.some((r) => r.cells.some((c) => !isBlank(c)));

/**
 * The first look at an uploaded file: which sheet, where the header is (title rows
 * above it are skipped), what each column probably means — or what the user chose
 * last time for this exact header layout — and the first rows for the preview.
 * Reads only the head of the file, so it is quick even for 100,000 rows.
 */
export async function inspectUpload(
  db: Db,
  upload: Upload,
  kind: ImportKind,
  metrics: string[],
  opts: { sheet?: string; headerRow?: number; contactsSheet?: string; contactsHeaderRow?: number },
): Promise<ImportInspection> {
  const table = openTable(upload.path, upload.fileName, { sheet: opts.sheet });
  const fields = importFields(kind, metrics);
  const wanted = (opts.headerRow ?? HEADER_SEARCH_ROWS) + PREVIEW_ROWS + 1;
  const rows: SheetRow[] = [];
  for await (const r of table.rows()) {
    if (r.row > wanted) break;
    rows.push(r);
  }
  if (!rows.length) throw badInput('文件中没有任何数据', 'file');
  const { headerRow, headers, preview } = readHead(rows, fields, opts.headerRow, 'headerRow');

  const remembered = rememberedMapping(db, kind, layoutHash(headers), headers.length);
  const known = new Set(fields.map((f) => f.key));
  const mapping = remembered?.map((m) => (m && known.has(m) ? m : null)) ?? suggestMapping(headers, fields);

  return {
    uploadId: upload.uploadId,
    kind,
    fileName: upload.fileName,
    format: table.format,
    encoding: table.encoding,
    sheets: table.sheets.filter((s) => !s.hidden).map((s) => s.name),
    sheet: table.sheet,
    headerRow,
    columns: headers.map((header, index) => ({ index, header, field: mapping[index] ?? null })),
    fields: [...fields],
    mappingSource: remembered ? 'remembered' : 'auto',
    missingRequired: missingRequired(mapping, fields).map((f) => f.label),
    preview,
    contacts: await inspectContacts(db, upload, kind, table, opts),
  };
}

/**
 * The contacts sheet of a customer workbook: the one asked for, else another visible
 * sheet named …联系人…, else the first other sheet whose header row reads as a contacts
 * list (a customer key plus contact columns). Null when there is none.
 */
async function inspectContacts(
  db: Db,
  upload: Upload,
  kind: ImportKind,
  table: TableSource,
  opts: { contactsSheet?: string; contactsHeaderRow?: number },
): Promise<ContactsInspection | null> {
  const asked = opts.contactsSheet;
  if (asked === '') return null;
  if (kind !== 'customers' || table.format !== 'xlsx') {
    if (asked === undefined) return null;
    throw badInput(kind !== 'customers' ? '只有客户档案导入可以使用联系人工作表' : 'CSV 文件只有一张表，不能另带联系人工作表', 'contactsSheet');
  }
  const wanted = (opts.contactsHeaderRow ?? HEADER_SEARCH_ROWS) + PREVIEW_ROWS + 1;
  if (asked !== undefined) {
    if (asked === table.sheet) throw badInput('联系人工作表不能与客户工作表是同一个工作表', 'contactsSheet');
    if (!table.sheets.some((s) => s.name === asked)) throw badInput(`工作簿中没有名为「${asked}」的工作表`, 'contactsSheet');
    const head = (await readSheetHeads(upload.path, [asked], wanted)).get(asked);
    if (!hasData(head)) throw badInput(`工作表「${asked}」中没有任何数据`, 'contactsSheet');
    return contactsInspection(db, asked, head, opts.contactsHeaderRow, 'request');
  }
  const others = table.sheets.filter((s) => !s.hidden && s.name !== table.sheet).map((s) => s.name);
  if (!others.length) return null;
  const named = others.find((n) => n.includes(CONTACTS_SHEET_NAME));
  const heads = await readSheetHeads(upload.path, named ? [named] : others, wanted);
  if (named) {
    const head = heads.get(named);
    return hasData(head) ? contactsInspection(db, named, head, opts.contactsHeaderRow, 'name') : null;
  }
  for (const name of others) {
    const head = heads.get(name);
    if (!hasData(head)) continue;
    let h: Head;
    try {
      h = readHead(head, CONTACT_SHEET_FIELDS, opts.contactsHeaderRow, 'contactsHeaderRow');
    } catch {
      continue; // a blank header row: not a contacts list
    }
    if (looksLikeContactsHeader(h.headers)) return contactsInspection(db, name, head, h.headerRow, 'header');
  }
  return null;
}

function contactsInspection(db: Db, sheet: string, head: SheetRow[], headerRow: number | undefined, detectedBy: ContactsInspection['detectedBy']): ContactsInspection {
  const h = readHead(head, CONTACT_SHEET_FIELDS, headerRow, 'contactsHeaderRow');
  const remembered = rememberedMapping(db, CONTACTS_LAYOUT, layoutHash(h.headers), h.headers.length);
  const known = new Set(CONTACT_SHEET_FIELDS.map((f) => f.key));
  const mapping = remembered?.map((m) => (m && known.has(m) ? m : null)) ?? suggestMapping(h.headers, CONTACT_SHEET_FIELDS);
  return {
    sheet,
    headerRow: h.headerRow,
    columns: h.headers.map((header, index) => ({ index, header, field: mapping[index] ?? null })),
    fields: [...CONTACT_SHEET_FIELDS],
    missingRequired: missingContactFields(mapping),
    preview: h.preview,
    mappingSource: remembered ? 'remembered' : 'auto',
    detectedBy,
  };
}
