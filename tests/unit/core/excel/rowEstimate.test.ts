import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { estimateSheetRows } from '../../../../electron/core/excel/rowEstimate';

const dir = mkdtempSync(path.join(os.tmpdir(), 'bd-rowest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function row(i: number): unknown[] {
  return [`客户${i}`, '个人', `1380${String(i).padStart(7, '0')}`, `城关镇幸福路${i}号`, i * 3.5];
}

describe('estimateSheetRows (import progress)', () => {
  it('reads the dimension Excel-style writers put at the head of a sheet', async () => {
    const file = path.join(dir, 'dim.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('客户');
    for (let i = 0; i < 3000; i++) ws.addRow(row(i));
    await wb.xlsx.writeFile(file);
    expect(estimateSheetRows(file, 1)).toBe(3000);
  });

  it('scales the head of a streamed sheet without a dimension to its whole size', async () => {
    const file = path.join(dir, 'stream.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
    const ws = wb.addWorksheet('客户');
    for (let i = 0; i < 30_000; i++) ws.addRow(row(i)).commit();
    await wb.commit();
    const n = estimateSheetRows(file, 1);
    expect(n).not.toBeNull();
    expect(Math.abs((n as number) - 30_000) / 30_000).toBeLessThan(0.15);
  });

  it('says nothing for a sheet it cannot find', async () => {
    expect(estimateSheetRows(path.join(dir, 'stream.xlsx'), 7)).toBeNull();
    expect(estimateSheetRows(path.join(dir, 'stream.xlsx'), null)).toBeNull();
  });
});
