import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { StringDecoder } from 'node:string_decoder';
import { createInflateRaw } from 'node:zlib';
import type { CellValue, SheetRow } from './types';
import { listZipEntries, readZipEntry, zipEntryDataStart, type ZipEntry } from './zip';

/**
 * A dedicated reader of one worksheet of an .xlsx, for the import's long sheets.
 *
 * exceljs's streaming reader builds a Row, Cell and Value object per cell and goes through
 * saxes's generic events: on a 100,000-row sheet that is most of an import's CPU and GC.
 * This reader scans the sheet's XML directly and produces, cell by cell, exactly what
 * read.ts made of exceljs's values (plainValue of row.values), quirks included:
 *  - a formula keeps its cached result only when that is truthy (exceljs drops 0 and '');
 *  - str/inlineStr text is XML-decoded a second time (exceljs's utils.xmlDecode);
 *  - an inline string with several runs is its last <t>, and text after </v> in a cell is appended;
 *  - a shared string with phonetic runs (<rPh>) is its last <t>; rich text joins its runs;
 *  - dates only for a cell's own style (s ≠ 0) or, lacking one, its row's style; never a column's.
 * The one deliberate difference: exceljs decodes each inflated chunk on its own, so a
 * character whose UTF-8 bytes straddle two chunks comes out as U+FFFD; here it does not.
 *
 * Anything outside what it understands (CDATA, DOCTYPE, unknown entities, cells without
 * an address, a part it cannot find…) raises UnsupportedSheet, and read.ts falls back
 * to exceljs. The differential test (tests/unit/core/excel/fastSheet.test.ts) holds the two equal.
 */
export class UnsupportedSheet extends Error {}

type StylesXform = new () => {
  init(): void;
  parseStream(chunks: Iterable<string>): Promise<unknown>;
  getStyleModel(id: number): { numFmt?: string } | null;
};
let stylesXform: StylesXform | null = null;
/** exceljs's own styles parser (loaded on first use): which formats count as dates is then decided exactly as exceljs does. */
function loadStylesXform(): StylesXform {
  stylesXform ??= createRequire(import.meta.url)('exceljs/lib/xlsx/xform/style/styles-xform') as StylesXform;
  return stylesXform;
}

/** exceljs's utils.isDateFmt. */
function isDateFmt(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const f = fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]+/.test(f);
}

/** exceljs's utils.excelToDate. */
function excelToDate(v: number, date1904: boolean): Date {
  return new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

/** exceljs's utils.xmlDecode: applied by exceljs to str/inlineStr text already decoded by the XML parser. */
function exceljsXmlDecode(text: string): string {
  if (text.indexOf('&') < 0) return text;
  return text.replace(/&([a-z]*);/g, (c) => {
    switch (c) {
      case '&lt;':
        return '<';
      case '&gt;':
        return '>';
      case '&amp;':
        return '&';
      case '&apos;':
        return "'";
      case '&quot;':
        return '"';
      default:
        return c;
    }
  });
}

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);|&/g;

/** What the XML parser (saxes) makes of character data: line ends normalised, entities decoded. */
function xmlText(raw: string): string {
  let s = raw;
  if (s.indexOf('\r') >= 0) s = s.replace(/\r\n?/g, '\n');
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY, (m, e: string | undefined) => {
    if (e === undefined) throw new UnsupportedSheet('bare &');
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'amp') return '&';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    if (e[0] !== '#') throw new UnsupportedSheet(`entity ${m}`);
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    if (!(code > 0 && code <= 0x10ffff)) throw new UnsupportedSheet(`character ${m}`);
    return String.fromCodePoint(code);
  });
}

/** Callbacks get index ranges into the scanned string, so nothing is sliced that is not used. */
interface XmlHandler {
  /** A start tag: its name is s[ns, ne), its attributes s[ne, ae). */
  open(s: string, ns: number, ne: number, ae: number): void;
  close(s: string, ns: number, ne: number): void;
  text(s: string, from: number, to: number): void;
  /**
   * At a '<' followed by `first`: may consume a whole common construct (a plain cell, a
   * plain shared string) at once and answer where it ends, or -1 for the general path.
   */
  fast?: (s: string, lt: number) => number;
  first?: number;
}

/**
 * Feeds complete tokens of `s` to the handler and answers where the unfinished tail
 * starts (kept for the next chunk). Self-closing tags give open then close, as saxes does.
 */
function scan(s: string, h: XmlHandler): number {
  let pos = 0;
  const n = s.length;
  while (pos < n) {
    const lt = s.indexOf('<', pos);
    if (lt < 0) return pos;
    if (lt > pos) h.text(s, pos, lt);
    const c1 = s.charCodeAt(lt + 1);
    if (Number.isNaN(c1)) return lt;
    if (c1 === h.first) {
      const end = h.fast!(s, lt);
      if (end >= 0) {
        pos = end;
        continue;
      }
    }
    if (c1 === 47 /* / */) {
      const gt = s.indexOf('>', lt);
      if (gt < 0) return lt;
      let ne = gt;
      while (ne > lt + 2 && s.charCodeAt(ne - 1) <= 32) ne--;
      h.close(s, lt + 2, ne);
      pos = gt + 1;
      continue;
    }
    if (c1 === 63 /* ? */) {
      const end = s.indexOf('?>', lt);
      if (end < 0) return lt;
      pos = end + 2;
      continue;
    }
    if (c1 === 33 /* ! */) {
      if (n < lt + 4) return lt;
      if (s.startsWith('<!--', lt)) {
        const end = s.indexOf('-->', lt + 4);
        if (end < 0) return lt;
        pos = end + 3;
        continue;
      }
      throw new UnsupportedSheet('CDATA or DOCTYPE');
    }
    // A start tag: its end is the first '>' outside a quoted attribute value.
    let nameEnd = lt + 1;
    for (; nameEnd < n; nameEnd++) {
      const ch = s.charCodeAt(nameEnd);
      if (ch <= 32 || ch === 47 || ch === 62) break;
    }
    let gt = -1;
    let quote = 0;
    for (let i = nameEnd; i < n; i++) {
      const ch = s.charCodeAt(i);
      if (quote) {
        if (ch === quote) quote = 0;
      } else if (ch === 62) {
        gt = i;
        break;
      } else if (ch === 34 || ch === 39) quote = ch;
    }
    if (gt < 0) return lt;
    const selfClosing = s.charCodeAt(gt - 1) === 47;
    h.open(s, lt + 1, nameEnd, selfClosing ? gt - 1 : gt);
    if (selfClosing) h.close(s, lt + 1, nameEnd);
    pos = gt + 1;
  }
  return pos;
}

/** Whether s[a, b) is `name`. */
function nameIs(s: string, a: number, b: number, name: string): boolean {
  return b - a === name.length && s.startsWith(name, a);
}

/**
 * Calls `each(name, value)` for the attributes in s[from, to), values decoded as saxes
 * does. Names are compared by the caller through `s.startsWith`, so only values are sliced.
 */
function eachAttribute(s: string, from: number, to: number, each: (s: string, nameStart: number, nameEnd: number, value: string) => void): void {
  let i = from;
  for (;;) {
    while (i < to && s.charCodeAt(i) <= 32) i++;
    if (i >= to) return;
    const eq = s.indexOf('=', i);
    if (eq < 0 || eq >= to) throw new UnsupportedSheet('attribute without value');
    let ne = eq;
    while (ne > i && s.charCodeAt(ne - 1) <= 32) ne--;
    let q = eq + 1;
    while (q < to && s.charCodeAt(q) <= 32) q++;
    const quote = s.charCodeAt(q);
    if (quote !== 34 && quote !== 39) throw new UnsupportedSheet('unquoted attribute');
    const end = s.indexOf(quote === 34 ? '"' : "'", q + 1);
    if (end < 0 || end >= to) throw new UnsupportedSheet('unterminated attribute');
    let value = s.slice(q + 1, end);
    if (value.indexOf('&') >= 0 || /[\t\n\r]/.test(value)) value = xmlText(value).replace(/[\t\n\r]/g, ' ');
    each(s, i, ne, value);
    i = end + 1;
  }
}

const PLAIN_SI = /<si><t(?: xml:space="preserve")?>([^<&\r]*)<\/t><\/si>/y;
/** A cell with only r, s and t (in that order) and at most a plain <v>: nearly every cell of a sheet. */
const PLAIN_CELL = /<c r="([A-Z]{1,3}[0-9]+)"(?: s="([0-9]+)")?(?: t="([a-zA-Z]+)")?(?:\/>|>(?:<v>([^<&\r]*)<\/v>)?<\/c>)/y;

/**
 * Text is decoded this many bytes at a time (the sheet as it is inflated, shared strings as
 * far as the sheet has asked). Each piece becomes one string: 256 KB pieces were strings
 * over V8's 128 KB limit for ordinary objects, each put on pages of its own and freed again
 * (a quarter of the read's time).
 */
const PIECE_BYTES = 64 * 1024;

/**
 * exceljs's shared-strings reader (workbook-reader.js _parseSharedStrings), reduced to the
 * text a cell shows, and parsed only as far as the cells have asked. Excel, WPS, LibreOffice
 * and exceljs number the strings in the order the sheet first uses them, so the first rows
 * come after a sliver of a 500,000-string table instead of after all of it (0.6 s on a
 * 100,000-row file): the import's other threads start working that much earlier. A string
 * the sheet never uses is still parsed when a later one is asked for.
 */
class SharedStrings {
  private readonly out: (string | null)[] = [];
  private readonly decoder = new StringDecoder('utf8');
  private readonly handler: XmlHandler;
  private offset = 0;
  private carry = '';

  constructor(private readonly xml: Buffer) {
    const out = this.out;
    let text: string | null = null;
    let runs: (string | null)[] = [];
    this.handler = {
      open(s, ns, ne) {
        if (nameIs(s, ns, ne, 'si')) {
          runs = [];
          text = null;
        } else if (nameIs(s, ns, ne, 't')) text = null;
      },
      text(s, from, to) {
        const v = xmlText(s.slice(from, to));
        text = text ? text + v : v;
      },
      close(s, ns, ne) {
        if (nameIs(s, ns, ne, 'r')) {
          runs.push(text);
          text = null;
        } else if (nameIs(s, ns, ne, 'si')) {
          out.push(runs.length ? runs.map((r) => r ?? '').join('') : text);
          runs = [];
          text = null;
        }
      },
      // <si><t>plain text</t></si>, by far the most common: the general path gives the same (empty text is null).
      first: 115 /* s */,
      fast(s, lt) {
        PLAIN_SI.lastIndex = lt;
        const m = PLAIN_SI.exec(s);
        if (!m) return -1;
        out.push(m[1] ? m[1] : null);
        runs = [];
        text = null;
        return PLAIN_SI.lastIndex;
      },
    };
  }

  /** String `i` (undefined when the table has none such), parsing on until it is there. */
  get(i: number): string | null | undefined {
    while (i >= this.out.length && this.offset < this.xml.length) this.parseMore();
    return this.out[i];
  }

  private parseMore(): void {
    const end = Math.min(this.offset + PIECE_BYTES, this.xml.length);
    const piece = this.decoder.write(this.xml.subarray(this.offset, end));
    this.offset = end;
    const s = this.carry + piece + (end === this.xml.length ? this.decoder.end() : '');
    const rest = scan(s, this.handler);
    this.carry = rest < s.length ? s.slice(rest) : '';
    if (end === this.xml.length && this.carry.trim()) throw new UnsupportedSheet('sharedStrings.xml ends inside a tag');
  }
}

/** Column number (1 = A) of a cell address such as "AB12", as exceljs's colCache.decodeAddress. */
function columnOf(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const ch = ref.charCodeAt(i);
    if (ch >= 65 && ch <= 90) col = col * 26 + (ch - 64);
    else break;
  }
  if (i === 0 || i === ref.length || col > 16384) throw new UnsupportedSheet(`cell address ${ref}`);
  for (let j = i; j < ref.length; j++) {
    const ch = ref.charCodeAt(j);
    if (ch < 48 || ch > 57) throw new UnsupportedSheet(`cell address ${ref}`);
  }
  return col;
}

interface Part {
  entry: ZipEntry;
  sharedStrings: SharedStrings | null;
  dateStyle: (id: number) => boolean | null;
  date1904: boolean;
}

async function preparePart(file: string, part: number): Promise<Part> {
  const entries = listZipEntries(file);
  const find = (name: string) => entries.find((e) => e.name === name);
  const entry = find(`xl/worksheets/sheet${part}.xml`);
  const stylesEntry = find('xl/styles.xml');
  const workbookEntry = find('xl/workbook.xml');
  if (!entry || !stylesEntry || !workbookEntry) throw new UnsupportedSheet('missing part');
  if (entry.method !== 8 && entry.method !== 0) throw new UnsupportedSheet('compression');
  const ssEntry = find('xl/sharedStrings.xml');
  const sharedStrings = ssEntry ? new SharedStrings(readZipEntry(file, ssEntry)) : null;
  const styles = new (loadStylesXform())();
  styles.init();
  await styles.parseStream([readZipEntry(file, stylesEntry).toString('utf8')]);
  const isDate = new Map<number, boolean | null>();
  // null: no such style (exceljs then keeps the row's style, or none).
  const dateStyle = (id: number): boolean | null => {
    let d = isDate.get(id);
    if (d === undefined) {
      const model = styles.getStyleModel(id);
      d = model ? isDateFmt(model.numFmt) : null;
      isDate.set(id, d);
    }
    return d;
  };
  const workbook = readZipEntry(file, workbookEntry).toString('utf8');
  const date1904 = /<workbookPr\b[^>]*\sdate1904\s*=\s*["']1["']/.test(workbook);
  return { entry, sharedStrings, dateStyle, date1904 };
}

async function* inflated(file: string, entry: ZipEntry, onBytes?: (n: number) => void): AsyncGenerator<string> {
  if (entry.compressedSize === 0) return;
  const start = zipEntryDataStart(file, entry);
  const raw = createReadStream(file, { start, end: start + entry.compressedSize - 1, highWaterMark: 256 * 1024 });
  let source: AsyncIterable<Buffer> = raw;
  if (entry.method === 8) {
    const inflate = createInflateRaw({ chunkSize: PIECE_BYTES });
    raw.on('error', (e) => inflate.destroy(e));
    raw.on('data', () => onBytes?.(start + raw.bytesRead));
    raw.pipe(inflate);
    source = inflate;
  } else raw.on('data', () => onBytes?.(start + raw.bytesRead));
  const decoder = new StringDecoder('utf8');
  try {
    for await (const chunk of source) yield decoder.write(chunk);
    const tail = decoder.end();
    if (tail) yield tail;
  } finally {
    raw.destroy();
  }
}

/**
 * The rows of worksheet part `part` (xl/worksheets/sheet<part>.xml), as read.ts's exceljs
 * path yields them. Throws UnsupportedSheet for what it does not understand.
 */
export async function* fastSheetRows(file: string, part: number, onBytes?: (n: number) => void): AsyncGenerator<SheetRow> {
  const { entry, sharedStrings, dateStyle, date1904 } = await preparePart(file, part);

  let inRows = false;
  let rowNumber = 0;
  let rowDate: boolean | null = null;
  let inRow = false;
  let values: CellValue[] = [];
  let width = 0;
  let ready: SheetRow[] = [];
  // The open cell: exceljs's `c`, and `current` (the element text goes to; it outlives the cell, as in exceljs).
  let inCell = false;
  let cRef = '';
  let cS = 0;
  let cT: string | undefined;
  let fText: string | null = null;
  let vText: string | null = null;
  let current: 0 | 1 | 2 = 0; // 0 none (or a finished cell's), 1 formula, 2 value

  const set = (col: number, v: CellValue) => {
    while (width < col - 1) values[width++] = null;
    values[col - 1] = v;
    if (col > width) width = col;
  };

  const finishCell = () => {
    const col = columnOf(cRef);
    if (fText !== null) {
      let result: CellValue | undefined;
      if (vText !== null) result = cT === 'str' ? exceljsXmlDecode(vText) : parseFloat(vText);
      // A formula exceljs recognises keeps only a truthy result; an empty one (a shared formula's other cells) keeps any.
      set(col, fText ? (result ? result : null) : (result ?? null));
    } else if (vText !== null) {
      switch (cT) {
        case 's': {
          if (!sharedStrings) throw new UnsupportedSheet('shared string without sharedStrings.xml');
          const s = sharedStrings.get(parseInt(vText, 10));
          if (s !== null && s !== undefined) set(col, s);
          break;
        }
        case 'inlineStr':
        case 'str':
          set(col, exceljsXmlDecode(vText));
          break;
        case 'e':
          set(col, vText);
          break;
        case 'b':
          set(col, parseInt(vText, 10) !== 0);
          break;
        default: {
          const own = cS ? dateStyle(cS) : null;
          const date = own !== null ? own : rowDate === true;
          const num = parseFloat(vText);
          set(col, date ? excelToDate(num, date1904) : num);
        }
      }
    }
  };

  let rowR: string | undefined;
  let rowS: string | undefined;
  const rowAttribute = (s: string, a: number, b: number, value: string) => {
    if (b - a === 1) {
      const ch = s.charCodeAt(a);
      if (ch === 114 /* r */) rowR = value;
      else if (ch === 115 /* s */) rowS = value;
    }
  };
  let cellR: string | undefined;
  let cellS: string | undefined;
  const cellAttribute = (s: string, a: number, b: number, value: string) => {
    if (b - a === 1) {
      const ch = s.charCodeAt(a);
      if (ch === 114 /* r */) cellR = value;
      else if (ch === 115 /* s */) cellS = value;
      else if (ch === 116 /* t */) cT = value;
    }
  };

  const handler: XmlHandler = {
    first: 99 /* c */,
    fast(s, lt) {
      if (!inRow) return -1;
      PLAIN_CELL.lastIndex = lt;
      const m = PLAIN_CELL.exec(s);
      if (!m) return -1;
      cRef = m[1];
      cS = m[2] ? parseInt(m[2], 10) : 0;
      cT = m[3];
      fText = null;
      vText = m[4] ?? null;
      finishCell();
      inCell = false;
      current = 0;
      return PLAIN_CELL.lastIndex;
    },
    open(s, ns, ne, ae) {
      const len = ne - ns;
      if (len === 1) {
        const ch = s.charCodeAt(ns);
        if (ch === 99 /* c */) {
          if (!inRow) return;
          cellR = cellS = cT = undefined;
          eachAttribute(s, ne, ae, cellAttribute);
          if (cellR === undefined) throw new UnsupportedSheet('cell without address');
          inCell = true;
          cRef = cellR;
          cS = parseInt(cellS ?? '', 10) || 0;
          fText = null;
          vText = null;
        } else if (ch === 118 /* v */ || ch === 116 /* t */) {
          if (inCell) {
            vText = '';
            current = 2;
          }
        } else if (ch === 102 /* f */) {
          if (inCell) {
            fText = '';
            current = 1;
          }
        }
      } else if (len === 2) {
        if (inCell && nameIs(s, ns, ne, 'is')) {
          vText = '';
          current = 2;
        }
      } else if (nameIs(s, ns, ne, 'row')) {
        if (!inRows) return;
        rowR = rowS = undefined;
        eachAttribute(s, ne, ae, rowAttribute);
        rowNumber = parseInt(rowR ?? '', 10);
        if (!(rowNumber > 0)) throw new UnsupportedSheet('row without number');
        rowDate = rowS ? dateStyle(parseInt(rowS, 10)) : null;
        inRow = true;
        values = [];
        width = 0;
      } else if (nameIs(s, ns, ne, 'sheetData')) inRows = true;
    },
    text(s, from, to) {
      if (!current || !inCell) return;
      const t = xmlText(s.slice(from, to));
      if (current === 1) fText += t;
      else vText += t;
    },
    close(s, ns, ne) {
      const len = ne - ns;
      if (len === 1) {
        if (s.charCodeAt(ns) === 99 /* c */ && inCell) {
          finishCell();
          inCell = false;
          // exceljs's `current` still points at this cell's text; nothing reads it any more.
          current = 0;
        }
      } else if (nameIs(s, ns, ne, 'row')) {
        if (!inRow) return;
        values.length = width;
        ready.push({ row: rowNumber, cells: values });
        inRow = false;
        values = [];
        width = 0;
      } else if (nameIs(s, ns, ne, 'sheetData')) inRows = false;
    },
  };

  let carry = '';
  for await (const chunk of inflated(file, entry, onBytes)) {
    const s = carry ? carry + chunk : chunk;
    const rest = scan(s, handler);
    carry = rest < s.length ? s.slice(rest) : '';
    if (ready.length) {
      const out = ready;
      ready = [];
      yield* out;
    }
  }
  if (carry.trim()) throw new UnsupportedSheet('sheet ends inside a tag');
}
