import type { SheetSummary } from '../../../shared/domain/sheets';
import { inputError } from '../errors';
import { table } from '../output';
import type { CommandDef } from './types';
import { readData } from './customer';

const SUMMARY_COLUMNS = [
  { title: '编号', value: (s: SheetSummary) => s.sheetNo },
  { title: '客户经理', value: (s: SheetSummary) => s.managerDisplayName || s.manager },
  { title: '计划周', value: (s: SheetSummary) => s.week ?? '空白' },
  { title: '行数', value: (s: SheetSummary) => String(s.rows), align: 'right' as const },
  { title: '打印时间', value: (s: SheetSummary) => s.printedAt.slice(0, 16) },
  { title: '回收', value: (s: SheetSummary) => (s.returnedAt ? `${s.returnedAt.slice(0, 10)}（${s.visits} 条走访）` : s.outstanding ? '逾期未回收' : '未回收') },
];

export const sheetListCommand: CommandDef = {
  words: ['sheet', 'list'],
  params: [],
  summary: '列出打印过的走访签到簿（--outstanding：打印后超过规定天数仍未回收的）',
  login: true,
  options: [{ name: 'outstanding', flag: true, description: '只列逾期未回收的签到簿' }],
  notes: ['--json 输出：{ rows: [{ sheetNo, printedAt, manager, week, rows, returnedAt, visits, outstanding, … }], outstandingDays }。'],
  async run({ session, opts }) {
    const r = await session.call('sheets.list', opts.flag('outstanding') ? { outstanding: true } : {});
    const text = r.rows.length ? table(r.rows, SUMMARY_COLUMNS) : opts.flag('outstanding') ? `没有超过 ${r.outstandingDays} 天未回收的签到簿` : '还没有打印过签到簿';
    return { json: r, text };
  },
};

export const sheetShowCommand: CommandDef = {
  words: ['sheet', 'show'],
  params: ['<编号>'],
  summary: '查看一份签到簿：打印信息和每一行（计划的客户、是否已登记为走访）',
  login: true,
  options: [],
  async run({ session, args }) {
    const s = await session.call('sheets.show', { sheetNo: args[0] });
    const head = `${s.sheetNo}  ${s.managerDisplayName}（${s.manager}）  ${s.week ? `${s.week} 周` : '空白签到页'}  打印：${s.printedAt.slice(0, 16)} ${s.printedBy}  ${
      s.returnedAt ? `回收：${s.returnedAt.slice(0, 16)} ${s.returnedBy ?? ''}` : '未回收'
    }`;
    const rows = table(s.rowsDetail, [
      { title: '行', value: (r) => String(r.row), align: 'right' },
      { title: '日期', value: (r) => r.date ?? '' },
      { title: '客户', value: (r) => (r.customer ? `${r.customerName}（${r.customer}）` : ''), max: 32 },
      { title: '走访记录', value: (r) => (r.visitId ? `ID ${r.visitId}` : '') },
    ]);
    return { json: s, text: `${head}\n\n${rows}` };
  },
};

export const sheetReturnCommand: CommandDef = {
  words: ['sheet', 'return'],
  params: ['<编号>'],
  summary: '回收登记：把签回的签到簿各行登记为走访（全部保存或全部不保存）',
  login: true,
  options: [
    {
      name: 'data',
      arg: '<JSON|@文件>',
      description: '各行的 JSON 数组：[{ row, customer?, signIn, signOut, signature, reason?, content? }]；@文件名 读文件，@- 读标准输入',
      required: true,
    },
  ],
  notes: [
    'signature 为 已签、拒签 或 无法签字（无法签字须写 reason）；预填的行可省略 customer，空白行须填客户编码或 ID，signIn 写完整日期时间。',
    '任何一行有问题时整份都不保存，并按行号说明原因。',
  ],
  async run({ session, args, opts }) {
    const data = readData(opts.req('data'));
    if (!Array.isArray(data)) throw inputError('--data 须为 JSON 数组，如 [{"row":1,"signIn":"09:30","signOut":"10:10","signature":"已签"}]', 'data');
    const r = await session.call('sheets.return', { sheetNo: args[0], rows: data as never });
    return { json: r, text: `签到簿 ${r.sheetNo} 已登记 ${r.saved} 条走访` };
  },
};
