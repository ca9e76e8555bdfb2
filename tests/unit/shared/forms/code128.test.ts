import { describe, expect, it } from 'vitest';
import { CODE128_PATTERNS, code128Modules, code128Svg, code128Values, START_B, STOP } from '../../../../shared/forms/code128';

/** Reads module widths back into symbol values the way a scanner does: 6 widths a symbol, looked up in the table. */
function decode(modules: number[]): string {
  const values: number[] = [];
  let i = 0;
  while (i < modules.length) {
    const len = modules.length - i === 7 ? 7 : 6;
    const v = CODE128_PATTERNS.indexOf(modules.slice(i, i + len).join(''));
    if (v < 0) throw new Error(`unknown symbol at module ${i}`);
    values.push(v);
    i += len;
  }
  expect(values[0]).toBe(START_B);
  expect(values[values.length - 1]).toBe(STOP);
  const data = values.slice(1, -2);
  const check = values[values.length - 2];
  expect(data.reduce((s, v, k) => s + v * (k + 1), START_B) % 103).toBe(check);
  return String.fromCharCode(...data.map((v) => v + 32));
}

describe('Code 128 subset B', () => {
  it('has 106 symbols of 11 modules (3 bars, 3 spaces) and a 13-module stop, all different', () => {
    expect(CODE128_PATTERNS).toHaveLength(107);
    CODE128_PATTERNS.slice(0, 106).forEach((p) => {
      expect(p).toHaveLength(6);
      expect([...p].reduce((s, d) => s + Number(d), 0)).toBe(11);
    });
    expect([...CODE128_PATTERNS[STOP]].reduce((s, d) => s + Number(d), 0)).toBe(13);
    expect(new Set(CODE128_PATTERNS).size).toBe(107);
  });

  it('encodes start B, the characters, the weighted checksum mod 103 and stop', () => {
    // Q=49, D=36, '-'=13, '1'=17: (104 + 49·1 + 36·2 + 13·3 + 17·4) mod 103 = 332 mod 103 = 23.
    expect(code128Values('QD-1')).toEqual([104, 49, 36, 13, 17, 23, 106]);
    expect(code128Modules('QD-1').slice(0, 6)).toEqual([2, 1, 1, 2, 1, 4]);
  });

  it('round-trips sheet numbers through the bar widths', () => {
    for (const no of ['QD-20261207-0007', 'QD-20240101-9999', 'qd 1']) {
      const modules = code128Modules(no);
      expect(modules.reduce((s, m) => s + m, 0)).toBe(11 * (no.length + 2) + 13);
      expect(decode(modules)).toBe(no);
    }
  });

  it('refuses characters subset B cannot hold, naming the character', () => {
    expect(() => code128Values('QD-编号')).toThrow(/编/);
  });

  it('draws one black rect per bar, with quiet zones, sized in mm', () => {
    const svg = code128Svg('QD-1', { moduleMm: 0.5, heightMm: 10 });
    expect(svg.match(/<rect /g)).toHaveLength(7 * 3 + 1);
    const total = 11 * 6 + 13 + 20;
    expect(svg).toContain(`viewBox="0 0 ${total} 1"`);
    expect(svg).toContain(`width="${(total * 0.5).toFixed(2)}mm"`);
  });
});
