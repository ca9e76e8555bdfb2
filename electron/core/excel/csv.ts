import iconv from 'iconv-lite';

export type TextEncoding = 'utf-8' | 'gb18030';

/**
 * Decodes CSV bytes without asking the user: a strict UTF-8 decode either succeeds
 * (with or without BOM) or the file is what Chinese Excel writes by default, GBK,
 * read as its superset GB18030. Excel's "Unicode text" (UTF-16LE with BOM) is read too.
 */
export function decodeText(buf: Buffer): { text: string; encoding: TextEncoding } {
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: buf.subarray(2).toString('utf16le'), encoding: 'utf-8' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf);
    return { text, encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(buf, 'gb18030'), encoding: 'gb18030' };
  }
}

/** Comma unless the first lines clearly use tabs or semicolons (Excel's "text" export, European settings). */
function guessDelimiter(text: string): string {
  const lines = text.split(/\r?\n/, 6).filter((l) => l.trim() !== '');
  const count = (ch: string) => lines.reduce((n, l) => n + l.split(ch).length - 1, 0);
  const candidates: [string, number][] = [
    [',', count(',')],
    ['\t', count('\t')],
    [';', count(';')],
  ];
  candidates.sort((a, b) => b[1] - a[1]);
  return candidates[0][1] > 0 ? candidates[0][0] : ',';
}

/**
 * RFC 4180 parsing that keeps every cell as the exact text written: 18-digit ID
 * numbers, leading zeros and dates are never turned into numbers. Quoted cells may
 * hold delimiters, doubled quotes and line breaks. Trailing empty lines are dropped.
 */
export function parseCsv(text: string, delimiter = guessDelimiter(text)): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  const n = text.length;
  const d = delimiter.charCodeAt(0);
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */ && cell === '') {
      // Quoted cell: runs to the matching quote; "" inside is one quote.
      i++;
      let start = i;
      let value = '';
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          value += text.slice(start);
          i = n;
          break;
        }
        if (text.charCodeAt(q + 1) === 34) {
          value += text.slice(start, q + 1);
          i = q + 2;
          start = i;
          continue;
        }
        value += text.slice(start, q);
        i = q + 1;
        break;
      }
      cell = value;
      // Text after the closing quote (malformed, but Excel keeps it) is appended.
      while (i < n) {
        const e = text.charCodeAt(i);
        if (e === d || e === 10 || e === 13) break;
        cell += text[i];
        i++;
      }
      continue;
    }
    if (c === d) {
      row.push(cell);
      cell = '';
      i++;
    } else if (c === 10 || c === 13) {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
    } else {
      // Plain run up to the next delimiter or line break; a quote inside it is literal.
      let j = i + 1;
      while (j < n) {
        const e = text.charCodeAt(j);
        if (e === d || e === 10 || e === 13) break;
        j++;
      }
      cell += text.slice(i, j);
      i = j;
    }
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  while (rows.length && rows[rows.length - 1].every((v) => v === '')) rows.pop();
  return rows;
}
