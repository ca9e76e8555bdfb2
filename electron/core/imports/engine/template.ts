import ExcelJS from 'exceljs';
import { CUSTOMER_KINDS, CUSTOMER_STATUSES } from '../../../../shared/domain/constants';
import { CONTACT_SHEET_FIELDS, CONTACTS_SHEET_NAME, MAX_CUSTOMER_CONTACTS, type ImportField } from '../../../../shared/domain/importFields';
import { importFields } from '../../../../shared/domain/imports';
import { IMPORT_KIND_LABELS, type ImportKind } from '../../../../shared/domain/imports';
import { textWidth } from '../../../../shared/format';
import { SIGNATURE_STATUSES, VISIT_TYPES } from '../../../../shared/domain/visits';
import type { Db } from '../../db/connection';

/** Rows the dropdowns and text formats cover (far more than a branch imports at once by hand). */
const TEMPLATE_ROWS = 10000;
const LISTS_SHEET = '下拉选项';

function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** The values a column's dropdown offers: fixed lists and the branch's own dictionaries and staff. */
function choicesFor(db: Db, f: ImportField): string[] | null {
  const base = f.key.includes('.') ? f.key.split('.')[1] : f.key;
  if (f.type === 'bool') return ['是', '否'];
  if (f.key === 'kind') return [...CUSTOMER_KINDS];
  if (f.key === 'status') return [...CUSTOMER_STATUSES];
  if (f.key === 'type' && f.choices) return [...VISIT_TYPES];
  if (f.key === 'signature') return [...SIGNATURE_STATUSES];
  if (f.key === 'tier' || f.key === 'region') {
    return (db.prepare('SELECT name FROM dict_items WHERE kind = ? AND active = 1 ORDER BY sort, name').all(f.key) as { name: string }[]).map((r) => r.name);
  }
  if (base === 'manager') {
    const people = db
      .prepare("SELECT name, display_name FROM users WHERE disabled = 0 AND role IN ('manager','supervisor') ORDER BY display_name")
      .all() as { name: string; display_name: string }[];
    // People are listed by name; a name two people share is listed by login name (the importer accepts both).
    const count = new Map<string, number>();
    for (const p of people) count.set(p.display_name, (count.get(p.display_name) ?? 0) + 1);
    return people.map((p) => (count.get(p.display_name)! > 1 ? p.name : p.display_name));
  }
  return null;
}

const NUM_FMT: Partial<Record<ImportField['type'], string>> = {
  code: '@',
  idNumber: '@',
  creditCode: '@',
  mobile: '@',
  phone: '@',
  date: 'yyyy-mm-dd',
  month: '@',
};

/** Header row (required columns in red, notes), grey example row, text formats and dropdowns of one sheet. */
function fillSheet(db: Db, sheet: ExcelJS.Worksheet, fields: readonly ImportField[], lists: ExcelJS.Worksheet, nextListColumn: () => number): void {
  sheet.columns = fields.map((f) => ({
    header: f.label,
    key: f.key,
    width: Math.min(40, Math.max(10, textWidth(f.label) + 4, textWidth(f.example ?? '') + 2)),
    style: NUM_FMT[f.type] ? { numFmt: NUM_FMT[f.type] } : {},
  }));
  const header = sheet.getRow(1);
  header.height = 22;
  fields.forEach((f, i) => {
    const cell = header.getCell(i + 1);
    cell.font = { bold: true, color: { argb: f.required ? 'FFC00000' : 'FF1F2937' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    cell.alignment = { vertical: 'middle' };
    if (f.note) cell.note = f.note;
  });
  const example = sheet.getRow(2);
  fields.forEach((f, i) => {
    const cell = example.getCell(i + 1);
    if (f.example) cell.value = f.type === 'date' ? new Date(`${f.example}T00:00:00Z`) : f.example;
    cell.font = { italic: true, color: { argb: 'FF808080' } };
  });

  fields.forEach((f, i) => {
    const choices = choicesFor(db, f);
    if (!choices?.length) return;
    const letter = columnLetter(nextListColumn());
    lists.getCell(`${letter}1`).value = f.label;
    choices.forEach((c, k) => (lists.getCell(`${letter}${k + 2}`).value = c));
    const col = columnLetter(i + 1);
    // exceljs accepts a range here (one <dataValidation sqref="C2:C10000">) though its typings only know cells.
    (sheet as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`${col}2:${col}${TEMPLATE_ROWS}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`'${LISTS_SHEET}'!$${letter}$2:$${letter}$${choices.length + 1}`],
      showErrorMessage: true,
      // A warning, not a stop: a new tier typed by hand is still reported clearly on import.
      errorStyle: 'warning',
      errorTitle: '不在可选范围内',
      error: `请从下拉列表中选择${f.label}`,
    });
  });
}

/**
 * The downloadable template of an import type: header row (required columns in red),
 * an example row, an instructions sheet, and dropdowns whose lists live on a hidden
 * sheet referenced by range — an inline list over 255 characters would break the file.
 * Identifier columns are formatted as text so Excel never turns IDs into 1.1E+17.
 */
export async function buildTemplate(db: Db, kind: ImportKind, metrics: string[]): Promise<Buffer> {
  const fields = importFields(kind, metrics).filter((f) => kind !== 'customers' || !/^contact[23]\./.test(f.key));
  const wb = new ExcelJS.Workbook();
  wb.creator = 'BranchDesk';
  const sheet = wb.addWorksheet(IMPORT_KIND_LABELS[kind], { views: [{ state: 'frozen', ySplit: 1 }] });
  // Customers: one contact per row on its own sheet, for customers with more than three contacts.
  const contacts = kind === 'customers' ? wb.addWorksheet(CONTACTS_SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] }) : null;
  const help = wb.addWorksheet('说明');
  const lists = wb.addWorksheet(LISTS_SHEET, { state: 'hidden' });
  let listColumn = 0;
  fillSheet(db, sheet, fields, lists, () => ++listColumn);
  if (contacts) fillSheet(db, contacts, CONTACT_SHEET_FIELDS, lists, () => ++listColumn);

  help.columns = [{ width: 20 }, { width: 10 }, { width: 70 }, { width: 24 }];
  const intro = [
    `${IMPORT_KIND_LABELS[kind]}导入模板使用说明：`,
    `1. 在“${IMPORT_KIND_LABELS[kind]}”工作表中从第2行起填写，一行一条记录；第2行为灰色示例，导入前请删除或改成真实数据。`,
    '2. 红色列名为必填列；列的顺序可以调整，列名也可用常见写法（如“单位名称”“手机号码”），导入时会自动识别并可手动调整。',
    '3. 身份证号、手机号、统一社会信用代码等长号码请保持“文本”格式，否则 Excel 会把它们变成科学计数法而丢失末几位。',
    '4. 日期可写 2026-11-22、2026/11/22、2026年11月22日 或 20261122。',
    '5. 导入前可先“预检”，查看将新增、更新、跳过的行和每一行的错误；错误行可下载为表格，改好后再导入。',
    ...(contacts
      ? [
          `6. 联系人较多时填在“${CONTACTS_SHEET_NAME}”工作表：一行一个联系人，用客户编码（或身份证号、统一社会信用代码、唯一的客户名称）对应到本表或系统中已有的客户；每个客户最多${MAX_CUSTOMER_CONTACTS}个联系人。`,
        ]
      : []),
  ];
  intro.forEach((line, i) => {
    const r = help.getRow(i + 1);
    r.getCell(1).value = line;
    if (i === 0) r.font = { bold: true, size: 13 };
    help.mergeCells(i + 1, 1, i + 1, 4);
  });
  const start = intro.length + 2;
  help.getRow(start).values = ['列名', '是否必填', '说明', '示例'];
  help.getRow(start).font = { bold: true };
  const describe = (f: ImportField, row: number) => {
    const choices = choicesFor(db, f);
    const note = [f.note, choices?.length && !f.note?.includes('可填') ? `可选：${choices.slice(0, 20).join('、')}${choices.length > 20 ? ' 等' : ''}` : null, f.synonyms.length > 1 ? `也可写作：${f.synonyms.filter((s) => s !== f.label).slice(0, 6).join('、')}` : null]
      .filter(Boolean)
      .join('；');
    help.getRow(row).values = [f.label, f.required ? '必填' : '', note, f.example ?? ''];
  };
  fields.forEach((f, i) => describe(f, start + 1 + i));
  if (contacts) {
    const at = start + fields.length + 2;
    help.getRow(at).values = [`“${CONTACTS_SHEET_NAME}”工作表的列`, '是否必填', '说明', '示例'];
    help.getRow(at).font = { bold: true };
    CONTACT_SHEET_FIELDS.forEach((f, i) => describe(f, at + 1 + i));
  }
  help.getColumn(3).alignment = { wrapText: true, vertical: 'top' };

  return Buffer.from(await wb.xlsx.writeBuffer());
}
