import path from 'node:path';
import { contractFigures, KPI_INDICATORS, type KpiFigures, type KpiManagerRow } from '../../../shared/domain/kpi';
import { inputError, usageError } from '../errors';
import { table, type Column } from '../output';
import type { Options } from '../args';
import type { CommandDef } from './types';
import { dateOption } from './visit';
import { downloadJobFile, waitForJob } from './import';

/** --from and --to, both required, checked before the database is touched. */
export function periodOptions(opts: Options): { from: string; to: string } {
  const from = dateOption(opts, 'from', '开始日期')!;
  const to = dateOption(opts, 'to', '结束日期')!;
  if (from > to) throw usageError(`开始日期 ${from} 晚于结束日期 ${to}`);
  return { from, to };
}

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const num = (v: number | null, digits = 0) => (v === null ? '—' : v.toFixed(digits));

const KPI_COLUMNS: Column<KpiFigures & { manager: string }>[] = [
  { title: '客户经理', value: (r) => r.manager },
  { title: '管户', value: (r) => String(r.assigned), align: 'right' },
  { title: '计划', value: (r) => `${r.plannedDone}/${r.planned}`, align: 'right' },
  { title: '计划完成率', value: (r) => pct(r.planCompletionRate), align: 'right' },
  { title: '覆盖率', value: (r) => pct(r.coverage), align: 'right' },
  { title: '走访', value: (r) => String(r.visits), align: 'right' },
  { title: '平均在户(分)', value: (r) => num(r.avgOnSiteMinutes, 1), align: 'right' },
  { title: '特殊访问', value: (r) => String(r.specialVisits), align: 'right' },
  { title: '回访', value: (r) => String(r.returnVisits), align: 'right' },
  { title: '签字率', value: (r) => pct(r.signatureRate), align: 'right' },
  { title: '逾期跟进', value: (r) => String(r.overdueFollowUps), align: 'right' },
  { title: '档案完整率', value: (r) => pct(r.archiveCompleteness), align: 'right' },
  { title: '新增客户', value: (r) => String(r.newCustomers), align: 'right' },
  { title: '重点客户流失', value: (r) => String(r.keyCustomersLost), align: 'right' },
];

export const kpiCommand: CommandDef = {
  words: ['kpi'],
  params: [],
  summary: '一段时间的考核指标：每位客户经理一行，另有网点合计（客户经理只看到自己）',
  login: true,
  options: [
    { name: 'from', arg: '<YYYY-MM-DD>', description: '开始日期（含）', required: true },
    { name: 'to', arg: '<YYYY-MM-DD>', description: '结束日期（含）', required: true },
    { name: 'manager', arg: '<用户名>', description: '只看这位客户经理' },
  ],
  notes: [
    '--json 输出 { from, to, managers: [ { manager, assigned, planned, plannedDone, planCompletionRate, visitedCustomers,',
    '  coverage, visits, avgOnSiteMinutes, specialVisits, returnVisits, signatureRate, overdueFollowUps, archiveCompleteness,',
    '  newCustomers, keyCustomersLost } ], branch: { 同样的字段，无 manager } }；比率为 0–1 的小数，分母为 0 时为 null。',
    'manager 是用户名；客户在期间内移交时，管户按期末的客户经理计，走访按走访本身的客户经理计（见 README）。',
  ],
  async run({ session, opts }) {
    const { from, to } = periodOptions(opts);
    const manager = opts.str('manager')?.trim();
    const r = await session.call('kpi.report', { from, to, ...(manager ? { manager } : {}) });
    const managers = r.managers.map((m: KpiManagerRow) => ({ manager: m.manager, ...contractFigures(m) }));
    const branch = contractFigures(r.branch);
    return {
      json: { from: r.from, to: r.to, managers, branch },
      text: [
        `考核指标 ${r.from} 至 ${r.to}`,
        table([...managers.map((m) => ({ ...m, manager: r.managers.find((x) => x.manager === m.manager)?.managerDisplayName || m.manager })), { manager: '网点合计', ...branch }], KPI_COLUMNS),
      ].join('\n'),
    };
  },
};

/** A JSON matrix from --matrix (inline JSON or @file). */
function parseMatrix(raw: string): number[][] {
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    throw usageError('--matrix 须为 JSON 方阵，如 [[1,3,5],[0.3333,1,3],[0.2,0.3333,1]]');
  }
  if (!Array.isArray(v) || !v.every((row) => Array.isArray(row) && row.every((x) => typeof x === 'number'))) {
    throw inputError('--matrix 须为数字组成的方阵（数组的数组），如 [[1,3],[0.3333,1]]', 'matrix');
  }
  return v as number[][];
}

export const scoreWeightsCommand: CommandDef = {
  words: ['score', 'weights'],
  params: [],
  summary: '判断矩阵的权重（层次分析法）：λmax、CI、CR 与是否通过一致性检验',
  login: true,
  options: [{ name: 'matrix', arg: '<JSON>', description: 'n×n 判断矩阵，1–9 标度及其倒数，如 [[1,3],[0.3333,1]]', required: true }],
  notes: ['--json 输出 { weights, lambdaMax, ci, cr, consistent }；CR ≥ 0.1 时 consistent 为 false，并在标准错误说明相差最大的判断。'],
  async run({ session, opts }) {
    const matrix = parseMatrix(opts.req('matrix'));
    const r = await session.call('score.weights', { matrix });
    return {
      json: { weights: r.weights, lambdaMax: r.lambdaMax, ci: r.ci, cr: r.cr, consistent: r.consistent },
      text: [
        `权重：${r.weights.map((w, i) => `指标${i + 1} ${w.toFixed(4)}`).join('，')}`,
        `λmax = ${r.lambdaMax.toFixed(4)}，CI = ${r.ci.toFixed(4)}，CR = ${r.cr.toFixed(4)}，${r.consistent ? '通过一致性检验' : '未通过一致性检验'}`,
      ].join('\n'),
      ...(r.message ? { note: r.message } : {}),
    };
  },
};

export const scoreRunCommand: CommandDef = {
  words: ['score', 'run'],
  params: [],
  summary: '服务质量评分排名（按当前评分方案；客户经理只看到自己）',
  login: true,
  options: [
    { name: 'from', arg: '<YYYY-MM-DD>', description: '开始日期（含）', required: true },
    { name: 'to', arg: '<YYYY-MM-DD>', description: '结束日期（含）', required: true },
  ],
  notes: ['--json 输出 { from, to, setup, ranked, ranking: [ { rank, manager, managerDisplayName, score, breakdown: [ { key, value, membership, weight, points } ] } ] }。'],
  async run({ session, opts }) {
    const { from, to } = periodOptions(opts);
    const r = await session.call('score.run', { from, to });
    const keys = r.setup.indicators.map((i) => i.key);
    const columns: Column<(typeof r.ranking)[number]>[] = [
      { title: '名次', value: (x) => String(x.rank), align: 'right' },
      { title: '客户经理', value: (x) => x.managerDisplayName || x.manager },
      { title: '得分', value: (x) => x.score.toFixed(1), align: 'right' },
      ...keys.map((k, i) => ({
        title: KPI_INDICATORS[k as keyof typeof KPI_INDICATORS]?.label ?? k,
        value: (x: (typeof r.ranking)[number]) => x.breakdown[i].points.toFixed(1),
        align: 'right' as const,
      })),
    ];
    return {
      json: r,
      text: [`服务质量评分 ${from} 至 ${to}（方案：${r.setup.name}，CR = ${r.setup.cr.toFixed(3)}）`, table(r.ranking, columns)].join('\n'),
    };
  },
};

export const exportSummaryCommand: CommandDef = {
  words: ['export', 'summary'],
  params: ['<输出文件.xlsx>'],
  summary: '导出考核汇总工作簿：客户经理指标、分级覆盖率、服务质量评分、逾期跟进、流失预警、期间走访记录（负责人/管理员）',
  login: true,
  options: [
    { name: 'from', arg: '<YYYY-MM-DD>', description: '开始日期（含）', required: true },
    { name: 'to', arg: '<YYYY-MM-DD>', description: '结束日期（含）', required: true },
  ],
  notes: ['--json 输出 { file, sheets: [ { name, rows } ], bytes }。'],
  async run({ session, opts, args, json }) {
    if (path.extname(args[0]).toLowerCase() !== '.xlsx') throw usageError(`输出文件须以 .xlsx 结尾（当前为「${args[0]}」）`);
    const { from, to } = periodOptions(opts);
    const started = await session.call('kpi.summary', { from, to });
    const done = await waitForJob(session, started, !json && process.stderr.isTTY);
    if (done.state !== 'done' || done.result?.kind !== 'summary') throw inputError(done.error?.message ?? '导出未完成', 'summary');
    const bytes = await downloadJobFile(session, done.jobId, 'output', args[0]);
    const file = path.resolve(args[0]);
    return { json: { file, sheets: done.result.sheets, bytes }, text: `${done.result.summary}，已写入 ${file}` };
  },
};
