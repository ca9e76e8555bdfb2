import {
  HEADER_SEARCH_ROWS,
  findHeaderRow,
  importFields,
  missingRequired,
  suggestMapping,
  type ImportInspection,
  type ImportKind,
} from '../../../shared/domain/excel';
import type { Db } from '../db/connection';
import { badInput } from '../errors';
import { openTable, type CellValue, type SheetRow } from '../excel/read';
import { cellText, isBlank } from '../excel/values';
import { layoutHash, rememberedMapping } from './layouts';
import type { Upload } from './uploads';

const PREVIEW_ROWS = 20;

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
  opts: { sheet?: string; headerRow?: number },
): Promise<ImportInspection> {
  const table = openTable(upload.path, upload.fileName, { sheet: opts.sheet });
  const fields = importFields(kind, metrics);
  const wanted = (opts.headerRow ?? HEADER_SEARCH_ROWS) + PREVIEW_ROWS + 1;
  const head: SheetRow[] = [];
  for await (const r of table.rows()) {
    if (r.row > wanted) break;
    head.push(r);
  }
  if (!head.length) throw badInput('文件中没有任何数据', 'file');

  // Rows as a dense grid by row number (Excel may skip empty rows entirely).
  const byNumber = new Map(head.map((r) => [r.row, r.cells]));
  const lastRow = head[head.length - 1].row;
  const grid: CellValue[][] = Array.from({ length: lastRow }, (_, i) => byNumber.get(i + 1) ?? []);

  let headerRow = opts.headerRow;
  if (headerRow === undefined) {
    const found = findHeaderRow(grid.slice(0, HEADER_SEARCH_ROWS).map((cells) => cells.map((c) => cellText(c))), fields);
    headerRow = found >= 0 ? found + 1 : (head.find((r) => r.cells.some((c) => !isBlank(c)))?.row ?? 1);
  }
  const headerCells = grid[headerRow - 1] ?? [];
  const headers = headerCells.map((c) => cellText(c));
  while (headers.length && headers[headers.length - 1] === '') headers.pop();
  if (!headers.length) throw badInput(`第 ${headerRow} 行是空行，请指定表头所在的行`, 'headerRow');

  const remembered = rememberedMapping(db, kind, layoutHash(headers), headers.length);
  const known = new Set(fields.map((f) => f.key));
  const mapping = remembered?.map((m) => (m && known.has(m) ? m : null)) ?? suggestMapping(headers, fields);
  const preview: ImportInspection['preview'] = [];
  for (let i = headerRow; i < grid.length && preview.length < PREVIEW_ROWS; i++) {
    const cells = grid[i];
    if (!cells.length || cells.every((c) => isBlank(c))) continue;
    preview.push({ row: i + 1, cells: headers.map((_, j) => cellText(cells[j] ?? null)) });
  }

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
  };
}
