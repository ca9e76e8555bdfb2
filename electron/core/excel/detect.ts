import { closeSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { XLS_MESSAGE } from '../../../shared/domain/imports';
import { badInput } from '../errors';
import { listZipEntries, readZipEntry, ZipStructureError } from './zip';

export type TableFormat = 'xlsx' | 'csv';

export interface SheetInfo {
  name: string;
  hidden: boolean;
  /** N of the part xl/worksheets/sheetN.xml holding it (null if the relationships do not say). */
  part: number | null;
}

export const CORRUPT_PREFIX = '文件已损坏或不是有效的 .xlsx 文件：';
export const corruptFile = (reason: string) => badInput(`${CORRUPT_PREFIX}${reason}`, 'file');

function head(file: string, length: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(length);
    const n = readSync(fd, buf, 0, length, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const EMPTY_ZIP = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

/**
 * What a file really is, judged by its bytes rather than its name: branches rename
 * files freely, and systems export HTML or Excel 2003 XML under an .xls name.
 * Anything we cannot read gets a message that says what to do.
 */
export function detectFormat(file: string, fileName: string): TableFormat {
  const size = statSync(file).size;
  if (size === 0) throw badInput('文件是空的（0 字节），请检查是否选错了文件', 'file');
  const bytes = head(file, 4096);
  const ext = path.extname(fileName).toLowerCase();

  if (bytes.subarray(0, 8).equals(OLE2)) {
    // Password-protected .xlsx files are OLE2 containers too, so say both.
    const hint = ext === '.xlsx' ? '（如果这是设置了打开密码的 .xlsx，请先取消密码再导入）' : '';
    throw badInput(XLS_MESSAGE + hint, 'file');
  }
  if (bytes.subarray(0, 4).equals(ZIP) || bytes.subarray(0, 4).equals(EMPTY_ZIP)) {
    checkWorkbookZip(file);
    return 'xlsx';
  }
  if (ext === '.xlsx' || ext === '.xlsm') throw corruptFile('文件内容不是 Excel 工作簿（可能是改了扩展名的其他文件）');

  const text = bytes.toString('latin1').replace(/^\xef\xbb\xbf/, '').trimStart().slice(0, 512).toLowerCase();
  if (text.startsWith('<')) {
    if (/<html|<table|<!doctype/.test(text) || /urn:schemas-microsoft-com:office:spreadsheet|<\?mso-application/.test(text)) {
      throw badInput('该文件实际是网页或 XML 表格（常见于系统导出的“.xls”），请用 Excel/WPS 打开后“另存为” .xlsx 再导入', 'file');
    }
  }
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe;
  if (!utf16 && bytes.includes(0)) {
    throw badInput('无法识别的文件格式：请导入 .xlsx（Excel/WPS 工作簿）或 .csv 文件', 'file');
  }
  if (ext === '.xls') throw badInput(XLS_MESSAGE, 'file');
  return 'csv';
}

function checkWorkbookZip(file: string): void {
  let names: string[];
  try {
    names = listZipEntries(file).map((e) => e.name);
  } catch (e) {
    if (e instanceof ZipStructureError) throw corruptFile(e.message);
    throw corruptFile('无法读取压缩包结构');
  }
  if (names.includes('xl/workbook.bin')) throw badInput('不支持 .xlsb（Excel 二进制工作簿）格式，请在 Excel 中“另存为” .xlsx 后再导入', 'file');
  if (!names.includes('xl/workbook.xml')) {
    const what = names.some((n) => n.startsWith('word/')) ? 'Word 文档' : names.some((n) => n.startsWith('ppt/')) ? 'PowerPoint 文件' : '其他格式的压缩包';
    throw corruptFile(`这是${what}，不是 Excel 工作簿`);
  }
  if (!names.some((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))) throw corruptFile('工作簿中没有工作表');
}

function xmlDecode(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_m, e: string) => {
    const lower = e.toLowerCase();
    if (lower === 'lt') return '<';
    if (lower === 'gt') return '>';
    if (lower === 'amp') return '&';
    if (lower === 'quot') return '"';
    if (lower === 'apos') return "'";
    return String.fromCodePoint(lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10));
  });
}

/** Sheet names in workbook order (what Excel's tabs show) and their parts, read from xl/workbook.xml and its relationships. */
export function listSheets(file: string): SheetInfo[] {
  try {
    const entries = listZipEntries(file);
    const entry = entries.find((e) => e.name === 'xl/workbook.xml');
    if (!entry) throw corruptFile('工作簿中没有工作表');
    const xml = readZipEntry(file, entry).toString('utf8');
    const relsEntry = entries.find((e) => e.name === 'xl/_rels/workbook.xml.rels');
    const targets = new Map<string, string>();
    if (relsEntry) {
      for (const m of readZipEntry(file, relsEntry).toString('utf8').matchAll(/<(?:\w+:)?Relationship\b([^>]*)\/?>/g)) {
        const id = /\bId="([^"]*)"/.exec(m[1])?.[1];
        const target = /\bTarget="([^"]*)"/.exec(m[1])?.[1];
        if (id && target) targets.set(id, target);
      }
    }
    const sheets: SheetInfo[] = [];
    for (const m of xml.matchAll(/<(?:\w+:)?sheet\b([^>]*)\/?>/g)) {
      const attrs = m[1];
      const name = /\bname="([^"]*)"/.exec(attrs)?.[1];
      if (name === undefined) continue;
      const state = /\bstate="([^"]*)"/.exec(attrs)?.[1];
      const rid = /\br:id="([^"]*)"/.exec(attrs)?.[1] ?? /\b\w+:id="([^"]*)"/.exec(attrs)?.[1];
      const part = /sheet(\d+)\.xml$/.exec(targets.get(rid ?? '') ?? '')?.[1];
      sheets.push({ name: xmlDecode(name), hidden: state === 'hidden' || state === 'veryHidden', part: part ? Number(part) : null });
    }
    return sheets;
  } catch (e) {
    if (e instanceof ZipStructureError) throw corruptFile(e.message);
    throw e;
  }
}
