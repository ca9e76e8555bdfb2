import { closeSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FileChunk } from '../../../shared/domain/jobs';
import type { PrintResult } from '../../../shared/domain/sheets';
import { MAX_BLANK_PAGES } from '../../../shared/domain/sheets';
import { isMonday } from '../../../shared/domain/visitRules';
import type { OptionSpec, Options } from '../args';
import { usageError } from '../errors';
import type { CliSession } from '../session';
import type { CommandDef } from './types';

const OUT: OptionSpec = { name: 'out', arg: '<文件.pdf>', description: '保存 PDF 的文件', required: true };

function outPath(opts: Options): string {
  const out = opts.req('out');
  if (!/\.pdf$/i.test(out)) throw usageError(`--out 须为 .pdf 文件（当前为「${out}」）`);
  return path.resolve(out);
}

/** Fetches the PDF the core made, piece by piece, into `dest` (written whole or not at all). */
export async function savePdf(session: CliSession, fileId: string, dest: string): Promise<void> {
  const tmp = `${dest}.part`;
  closeSync(openSync(tmp, 'w'));
  try {
    let offset: number | null = 0;
    while (offset !== null) {
      const chunk: FileChunk = await session.call('print.download', { fileId, offset });
      writeFileSync(tmp, Buffer.from(chunk.data, 'base64'), { flag: 'a' });
      offset = chunk.nextOffset;
    }
    renameSync(tmp, dest);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** `{ out, pages, sheets }` is the contract of every `print` command's --json. */
async function finish(session: CliSession, r: PrintResult, out: string, what: string) {
  await savePdf(session, r.fileId!, out);
  const json = { out, pages: r.pages, sheets: r.sheets };
  const sheets = r.sheets.map((s) => `签到簿编号 ${s.sheetNo}（${s.rows} 行）`).join('；');
  return { json, text: `${what}已保存到 ${out}，共 ${r.pages} 页${sheets ? `；${sheets}` : ''}` };
}

export const printSignInCommand: CommandDef = {
  words: ['print', 'sign-in'],
  params: [],
  summary: '打印营销人员市场走访签到记录簿（按一周计划预填，或空白页），生成带编号的 A4 PDF',
  login: true,
  options: [
    OUT,
    { name: 'week', arg: '<YYYY-MM-DD>', description: '按这一周（星期一的日期）的走访计划预填' },
    { name: 'manager', arg: '<用户名>', description: '哪位客户经理的签到簿（客户经理本人可省略）' },
    { name: 'blank-pages', arg: '<页数>', description: `打印空白签到页（1–${MAX_BLANK_PAGES}），不与 --week 同用` },
  ],
  notes: [
    '每次打印得到一个签到簿编号（如 QD-20261207-0007），印在每一页上并登记；纸面收回后用 `sheet return` 登记。',
    '--json 输出：{ "out", "pages", "sheets": [ { "sheetNo", "rows" } ] }。',
  ],
  async run({ session, opts }) {
    const out = outPath(opts);
    const week = opts.str('week')?.trim();
    if (week !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(week) || !isMonday(week))) {
      throw usageError(`--week 须为该周星期一的日期，格式 YYYY-MM-DD（当前为「${week}」）`);
    }
    const blankPages = opts.int('blank-pages', 1, MAX_BLANK_PAGES);
    if (week === undefined && blankPages === undefined) throw usageError('请给出 --week（按计划预填）或 --blank-pages（空白页）');
    if (week !== undefined && blankPages !== undefined) throw usageError('--week 和 --blank-pages 只能选一个');
    const manager = opts.str('manager');
    const r = await session.call('print.signIn', {
      output: 'pdf',
      ...(week ? { week } : {}),
      ...(blankPages !== undefined ? { blankPages } : {}),
      ...(manager ? { manager } : {}),
    });
    return finish(session, r, out, '走访签到记录簿');
  },
};
