/**
 * The dedicated sheet reader (electron/core/excel/fastSheet.ts) against exceljs, the
 * reference: every fixture is read both ways and must give the same rows, cell by cell.
 * Files come from exceljs (ordinary and streaming writers), LibreOffice (an independent
 * office suite) and hand-written XML for the corners (inline and rich text, formulas,
 * errors, date formats, row styles, 1904 dates, whitespace, entities, odd attribute order).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fastSheetRows, UnsupportedSheet } from '../../../../electron/core/excel/fastSheet';
import { openTable } from '../../../../electron/core/excel/read';
import type { SheetRow } from '../../../../electron/core/excel/types';
import { ensureLibreOffice, libreOfficeConvert, writeCustomerSheet, writeXlsx } from '../../../fixtures/excel';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 600_000 });

let dir: string;
beforeAll(() => {
  ensureLibreOffice();
  dir = mkdtempSync(path.join(os.tmpdir(), 'fast-sheet-'));
});
afterAll(() => { if (!process.env.KEEP_FIXTURES) rmSync(dir, { recursive: true, force: true }); });

async function collect(rows: AsyncIterable<SheetRow>): Promise<SheetRow[]> {
  const out: SheetRow[] = [];
  for await (const r of rows) out.push(r);
  return out;
}

/** exceljs decodes each inflated chunk on its own: a character cut between two comes out as U+FFFD. */
function garbledByExceljs(fast: unknown, ref: unknown): boolean {
  return typeof fast === 'string' && typeof ref === 'string' && ref.includes('\uFFFD') && ref.length >= fast.length;
}

/** Reads every sheet of `file` both ways and compares; answers the reference rows of the first. */
async function same(file: string): Promise<SheetRow[]> {
  const { sheets } = openTable(file, 'f.xlsx');
  let first: SheetRow[] = [];
  for (const s of sheets) {
    const ref = await collect(openTable(file, 'f.xlsx', { sheet: s.name, exceljs: true }).rows());
    const fast = await collect(fastSheetRows(file, s.part!));
    expect(fast.length).toBe(ref.length);
    for (let i = 0; i < ref.length; i++) {
      expect(fast[i].row).toBe(ref[i].row);
      if (ref[i].cells.some((c, j) => garbledByExceljs(fast[i].cells[j], c))) continue;
      expect(fast[i].cells).toEqual(ref[i].cells);
      // toEqual treats a missing element and undefined alike: the lengths must agree too.
      expect(fast[i].cells.length).toBe(ref[i].cells.length);
    }
    // The default path (dedicated reader, exceljs as fallback) gives the same rows.
    const dflt = await collect(openTable(file, 'f.xlsx', { sheet: s.name }).rows());
    expect(dflt.length).toBe(ref.length);
    if (s === sheets[0]) first = ref;
  }
  return first;
}

// ---------------------------------------------------------------- hand-written workbooks

interface ZipPart {
  name: string;
  data: string;
  stored?: boolean;
}

/** A minimal zip writer: deflated parts, or stored ones (the reader handles both). */
function writeZip(file: string, parts: ZipPart[]): string {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const raw = Buffer.from(p.data, 'utf8');
    const body = p.stored ? raw : deflateRawSync(raw);
    const name = Buffer.from(p.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(p.stored ? 0 : 8, 8);
    local.writeUInt32LE(crc32(raw), 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(p.stored ? 0 : 8, 10);
    cd.writeUInt32LE(crc32(raw), 16);
    cd.writeUInt32LE(body.length, 20);
    cd.writeUInt32LE(raw.length, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    central.push(cd, name);
    offset += 30 + name.length + body.length;
  }
  const cdBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cdBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  writeFileSync(file, Buffer.concat([...locals, cdBytes, end]));
  return file;
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** Styles: xf 0 general, 1 built-in 14 (date), 2 custom date, 3 '0.00', 4 custom with quoted/bracketed letters only, 5 built-in 22, 6 '[h]:mm'. */
const STYLES = `${XML}<styleSheet xmlns="${MAIN}"><numFmts count="4"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="165" formatCode="0.00"/><numFmt numFmtId="166" formatCode="[Red]0&quot;d&quot;"/><numFmt numFmtId="167" formatCode="[h]:mm"/></numFmts>
<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="7"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="167" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`;

const SHARED = `${XML}<sst xmlns="${MAIN}" count="8" uniqueCount="8"><si><t>客户编码</t></si><si><t xml:space="preserve"> 空格 </t></si><si><r><rPr><b/></rPr><t>粗</t></r><r><t>体</t></r></si><si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh><phoneticPr fontId="1"/></si><si><t/></si><si><t>a &amp; b &lt;c&gt; &#x4E2D;&#25991;</t></si>
<si>
  <t>换行
第二行</t>
</si><si><t>&amp;lt;not a tag&amp;gt;</t></si></sst>`;

function workbook(file: string, sheetXml: string, opts: { date1904?: boolean; shared?: string | null; storedSheet?: boolean } = {}): string {
  const parts: ZipPart[] = [
    {
      name: '[Content_Types].xml',
      data: `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
    },
    {
      name: '_rels/.rels',
      data: `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      data: `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><workbookPr${opts.date1904 ? ' date1904="1"' : ''}/><sheets><sheet name="表1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    },
    { name: 'xl/styles.xml', data: STYLES },
  ];
  if (opts.shared !== null) parts.push({ name: 'xl/sharedStrings.xml', data: opts.shared ?? SHARED });
  // The sheet last: exceljs then has the shared strings when it reaches it (LibreOffice's order is covered below).
  parts.push({ name: 'xl/worksheets/sheet1.xml', data: `${XML}<worksheet xmlns="${MAIN}" xmlns:r="${REL}">${sheetXml}</worksheet>`, stored: opts.storedSheet });
  return writeZip(file, parts);
}

const EDGE_SHEET = `<dimension ref="A1:L20"/><cols><col min="1" max="3" width="12" style="1" customWidth="1"/></cols><sheetData>
<row r="1" spans="1:8"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c><c r="G1" t="s"><v>6</v></c><c r="H1" t="s"><v>7</v></c><c r="I1" t="s"><v>99</v></c></row>
<row r="2"><c r="A2"><v>42</v></c><c r="B2" s="1"><v>45000</v></c><c r="C2" s="2"><v>45000.5</v></c><c r="D2" s="3"><v>45000</v></c><c r="E2" s="4"><v>7</v></c><c r="F2" s="5"><v>45000.75</v></c><c r="G2" s="6"><v>1.5</v></c><c r="H2" s="0"><v>1</v></c><c r="I2" s="99"><v>3</v></c></row>
<row r="4" s="1" customFormat="1"><c r="A4"><v>45001</v></c><c r="B4" s="3"><v>45001</v></c><c r="C4" s="0"><v>45001</v></c><c r="D4" s="99"><v>45001</v></c><c r="E4" t="s"><v>0</v></c></row>
<row r="5" s="3" customFormat="1"><c r="A5" s="1"><v>45002</v></c><c r="B5"><v>2</v></c></row>
<row r="6"><c r="A6" t="b"><v>1</v></c><c r="B6" t="b"><v>0</v></c><c r="C6" t="e"><v>#N/A</v></c><c r="D6" t="e"><v>#DIV/0!</v></c><c r="E6" t="d"><v>2024-01-02T00:00:00</v></c><c r="F6" t="n"><v>-1.5E-3</v></c><c r="G6"><v></v></c><c r="H6" t="s"/><c r="J6" s="1"/></row>
<row r="7"><c r="A7"><f>1+1</f><v>2</v></c><c r="B7"><f>1-1</f><v>0</v></c><c r="C7" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="D7" t="str"><f>""</f><v></v></c><c r="E7" t="b"><f>TRUE()</f><v>1</v></c><c r="F7" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="G7"><f t="shared" ref="G7:G8" si="0">A7*2</f><v>4</v></c><c r="H7"><f>NOW()</f></c><c r="I7" s="1"><f>TODAY()</f><v>45000</v></c></row>
<row r="8"><c r="G8"><f t="shared" si="0"/><v>0</v></c><c r="H8"><f t="shared" si="0"/><v>6</v></c><c r="I8"><f t="shared" si="0"/></c></row>
<row r="9"><c r="A9" t="inlineStr"><is><t>内联</t></is></c><c r="B9" t="inlineStr"><is><r><t>第一段</t></r><r><rPr><b/></rPr><t>第二段</t></r></is></c><c r="C9" t="inlineStr"><is><t>&amp;amp; &amp;lt;x&amp;gt; &amp;#65;</t></is></c><c r="D9" t="str"><v>&amp;quot;q&amp;quot; &amp;apos;</v></c><c r="E9" t="inlineStr"><is><t xml:space="preserve">  两边空格  </t></is></c><c r="F9" t="inlineStr"><is><t></t></is></c></row>
<row r="10">
  <c r="A10" t="s">
    <v>1</v>
  </c>
  <c r="B10">
    <v>3.25</v>
  </c>
  <c r="C10" t="str">
    <v>文字</v>
  </c>
</row>
<row r="12" spans="2:4" ht="20" customHeight="1"><c r="D12"><v>4</v></c><c r="B12"><v>2</v></c><c r="D12"><v>5</v></c><c r="C12"/></row>
<row r="13"></row>
<row r="14"/>
<!-- a comment <row r="99"><c r="A99"><v>1</v></c></row> -->
<row r='15' s='1'><c t='s' r='A15'><v>5</v></c><c s="2" r="B15"><v>45003</v></c><c r="C15" t="str"><v>a&#13;&#10;b</v></c><c r="D15"><v>1&#48;</v></c></row>
<row r="16"><c r="AB16"><v>28</v></c><c r="XFD16"><v>16384</v></c></row>
<row r="17"><c r="A17" t="s"><v>2</v></c><c r="B17"><extLst/><v>9</v>
</c></row>
</sheetData><mergeCells count="1"><mergeCell ref="A20:B20"/></mergeCells><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>`;

describe('dedicated sheet reader = exceljs', () => {
  it('hand-written corners: shared/inline/rich text, formulas, errors, booleans, date formats, row styles, whitespace, entities', async () => {
    const rows = await same(workbook(path.join(dir, 'edge.xlsx'), EDGE_SHEET));
    // The comparison above is the test; a few anchors show the fixture says what it means to.
    expect(rows.find((r) => r.row === 2)?.cells[1]).toBeInstanceOf(Date);
    expect(rows.find((r) => r.row === 2)?.cells[3]).toBe(45000);
    expect(rows.find((r) => r.row === 9)?.cells[0]).toBe('内联');
    expect(rows.map((r) => r.row)).toEqual([1, 2, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 17]);
  });

  it('the same with 1904 dates, a stored (uncompressed) sheet part and CRLF line ends', async () => {
    const crlf = EDGE_SHEET.replace(/\n/g, '\r\n');
    const rows = await same(workbook(path.join(dir, 'edge1904.xlsx'), crlf, { date1904: true, storedSheet: true }));
    expect(rows.find((r) => r.row === 2)?.cells[1]).toBeInstanceOf(Date);
  });

  it('a sheet without shared strings (inline only), and an empty sheet', async () => {
    const inline = `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>名称</t></is></c><c r="B1"><v>1</v></c></row></sheetData>`;
    await same(workbook(path.join(dir, 'inline.xlsx'), inline, { shared: null }));
    await same(workbook(path.join(dir, 'empty.xlsx'), '<sheetData/>'));
    await same(workbook(path.join(dir, 'empty2.xlsx'), '<dimension ref="A1"/><sheetData></sheetData>'));
  });

  it('a shared-string table of many pieces (parsed as far as the cells ask), used out of order, characters cut between pieces', async () => {
    const n = 20000;
    const strings = Array.from({ length: n }, (_, i) => (i % 7 === 0 ? `客户第${i}号 &amp; 分店` : i % 11 === 0 ? `<r><t>富</t></r><r><t>文本${i}</t></r>` : `客户名称第${i}号`));
    const shared = `${XML}<sst xmlns="${MAIN}" count="${n}" uniqueCount="${n}">${strings.map((x) => (x.startsWith('<r>') ? `<si>${x}</si>` : `<si><t>${x}</t></si>`)).join('')}</sst>`;
    const sheet = `<sheetData><row r="1"><c r="A1" t="s"><v>${n - 1}</v></c><c r="B1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>10010</v></c><c r="B2" t="s"><v>7</v></c><c r="C2" t="s"><v>${n}</v></c></row><row r="3"><c r="A3" t="s"><v>11</v></c></row></sheetData>`;
    const rows = await same(workbook(path.join(dir, 'many-strings.xlsx'), sheet, { shared }));
    expect(rows.map((r) => r.cells)).toEqual([[`客户第${n - 1}号 & 分店`, '客户第0号 & 分店'], ['客户第10010号 & 分店', '客户第7号 & 分店'], ['富文本11']]);
  });

  it('what it does not understand goes to exceljs: CDATA, unknown entities, cells without an address', async () => {
    const cases = [
      `<sheetData><row r="1"><c r="A1" t="str"><v><![CDATA[x]]></v></c></row></sheetData>`,
      `<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c t="str"><v>x</v></c></row></sheetData>`,
      `<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>`,
    ];
    const files = [
      workbook(path.join(dir, 'cdata.xlsx'), cases[0]),
      workbook(path.join(dir, 'noaddr.xlsx'), cases[1]),
      workbook(path.join(dir, 'nosst.xlsx'), cases[2], { shared: null }),
    ];
    for (const f of files) {
      await expect(collect(fastSheetRows(f, 1))).rejects.toBeInstanceOf(UnsupportedSheet);
      // The default path falls back and says what exceljs says (rows, or its error).
      const ref = await collect(openTable(f, 'f.xlsx', { exceljs: true }).rows()).catch((e: Error) => e.message);
      const dflt = await collect(openTable(f, 'f.xlsx').rows()).catch((e: Error) => e.message);
      expect(dflt).toEqual(ref);
    }
  });

  // ---------------------------------------------------------------- files from real writers

  const VALUES = [
    ['编码', '名称', '数量', '金额', '日期', '是否', '备注', null, '空后'],
    ['K001', '张记便利店', 12, 3.5, new Date(Date.UTC(2024, 0, 31)), true, 'a & b <c> "d" \'e\'', null, 'x'],
    ['K002', '王记 烟酒店', 0, -0.25, new Date(Date.UTC(1999, 11, 31, 12, 30)), false, '换行\r\n第二行', null, null],
    [null, null, null, null, null, null, null, null, null],
    ['0012', '  前后空格  ', 1e21, 123456789012345, new Date(Date.UTC(1900, 1, 28)), null, '😀 emoji', '', 7],
  ];

  it('exceljs-written: shared strings, date formats, text columns, formulas, rich text, errors, extra sheets', async () => {
    const file = await writeXlsx(path.join(dir, 'exceljs.xlsx'), VALUES, {
      textColumns: [1],
      dateColumns: [5],
      extraSheets: [{ name: '联系人', rows: [['客户编码', '姓名'], ['K001', '李四']] }],
    });
    await same(file);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('公式');
    ws.addRow(['a', 'b']);
    ws.getCell('A2').value = { formula: '1+1', result: 2 };
    ws.getCell('B2').value = { formula: '1-1', result: 0 };
    ws.getCell('C2').value = { formula: '"x"&"y"', result: 'xy' };
    ws.getCell('D2').value = { richText: [{ text: '富' }, { font: { bold: true }, text: '文本' }] };
    ws.getCell('E2').value = { error: '#REF!' };
    ws.getCell('F2').value = { text: '链接', hyperlink: 'https://example.com' };
    ws.getCell('G2').value = new Date(Date.UTC(2025, 5, 1));
    ws.getCell('G2').numFmt = 'yyyy/m/d h:mm';
    ws.getCell('H2').value = 0.5;
    ws.getCell('H2').numFmt = '0%';
    ws.getCell('A4').value = { sharedFormula: 'A2', result: 3 } as ExcelJS.CellValue;
    await wb.xlsx.writeFile(path.join(dir, 'formulas.xlsx'));
    await same(path.join(dir, 'formulas.xlsx'));
  });

  it('exceljs streaming writer with and without shared strings (the bench and templates)', async () => {
    await same(await writeCustomerSheet(path.join(dir, 'customers.xlsx'), 3000));
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path.join(dir, 'stream-inline.xlsx'), useSharedStrings: false, useStyles: true });
    const ws = wb.addWorksheet('客户');
    for (const r of VALUES) ws.addRow(r).commit();
    ws.commit();
    await wb.commit();
    await same(path.join(dir, 'stream-inline.xlsx'));
  });

  it('LibreOffice-written: its own styles, shared strings and cached formula results', async () => {
    const src = await writeXlsx(path.join(dir, 'lo-src.xlsx'), VALUES, { textColumns: [1], dateColumns: [5] });
    const lo = libreOfficeConvert(src, 'xlsx', path.join(dir, 'lo'));
    await same(lo);
    writeFileSync(
      path.join(dir, 'lo.csv'),
      ['名称,日期,数量,公式', '张三,2024-01-31,1,=C2*2', '李四,2024/2/29 13:45,0,=C3*2', '王五,1.5,-3,="x"&A4'].join('\n'),
    );
    await same(libreOfficeConvert(path.join(dir, 'lo.csv'), 'xlsx', path.join(dir, 'lo2'), 'CSV:44,34,76,1'));
  });
});
