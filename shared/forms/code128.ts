/**
 * Code 128, subset B (printable ASCII 32–126): enough for sheet numbers such as
 * QD-20261207-0007, which a USB scanner types back into the 回收登记 screen. Pure:
 * the bars come out as module widths and as an SVG string that prints as vector.
 */

/** Bar/space widths (in modules) of symbol values 0–105, then the stop pattern (106). */
const PATTERNS = [
  '212222', '222122', '222221', '121223', '121322', '131222', '122213', '122312', '132212', '221213',
  '221312', '231212', '112232', '122132', '122231', '113222', '123122', '123221', '223211', '221132',
  '221231', '213212', '223112', '312131', '311222', '321122', '321221', '312212', '322112', '322211',
  '212123', '212321', '232121', '111323', '131123', '131321', '112313', '132113', '132311', '211313',
  '231113', '231311', '112133', '112331', '132131', '113123', '113321', '133121', '313121', '211331',
  '231131', '213113', '213311', '213131', '311123', '311321', '331121', '312113', '312311', '332111',
  '314111', '221411', '431111', '111224', '111422', '121124', '121421', '141122', '141221', '112214',
  '112412', '122114', '122411', '142112', '142211', '241211', '221114', '413111', '241112', '134111',
  '111242', '121142', '121241', '114212', '124112', '124211', '411212', '421112', '421211', '212141',
  '214121', '412121', '111143', '111341', '131141', '114113', '114311', '411113', '411311', '113141',
  '114131', '311141', '411131', '211412', '211214', '211232', '2331112',
] as const;

export const CODE128_PATTERNS: readonly string[] = PATTERNS;
export const START_B = 104;
export const STOP = 106;

/** Symbol values of `text` in subset B, with start, checksum and stop. Throws on a character subset B cannot hold. */
export function code128Values(text: string): number[] {
  const data = [...text].map((ch, i) => {
    const code = ch.charCodeAt(0);
    if (ch.length !== 1 || code < 32 || code > 126) throw new Error(`条码不能包含字符「${ch}」（第 ${i + 1} 个）`);
    return code - 32;
  });
  const checksum = data.reduce((sum, v, i) => sum + v * (i + 1), START_B) % 103;
  return [START_B, ...data, checksum, STOP];
}

/** Widths of the alternating bars and spaces (bar first), quiet zones excluded. */
export function code128Modules(text: string): number[] {
  return code128Values(text).flatMap((v) => [...PATTERNS[v]].map(Number));
}

/**
 * The barcode as an inline SVG: `module` is the narrowest bar in mm (0.33 mm reads well
 * on office printers), with the 10-module quiet zone on each side that scanners need.
 */
export function code128Svg(text: string, opts: { moduleMm?: number; heightMm?: number } = {}): string {
  const m = opts.moduleMm ?? 0.33;
  const h = opts.heightMm ?? 9;
  const widths = code128Modules(text);
  const quiet = 10;
  let x = quiet;
  const rects: string[] = [];
  widths.forEach((w, i) => {
    if (i % 2 === 0) rects.push(`<rect x="${x}" y="0" width="${w}" height="1"/>`);
    x += w;
  });
  const total = x + quiet;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="barcode" role="img" aria-label="${text.replace(/[<>&"]/g, '')}" ` +
    `width="${(total * m).toFixed(2)}mm" height="${h}mm" viewBox="0 0 ${total} 1" preserveAspectRatio="none" shape-rendering="crispEdges">` +
    `<g fill="#000">${rects.join('')}</g></svg>`
  );
}
