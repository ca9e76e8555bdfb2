import { DEFAULT_MANAGER_PASSWORD, seedBranch } from '../../core/seed';
import { seedVisits } from '../../core/visits/seed';
import { AppError } from '../../core/errors';
import { apiError, usageError } from '../errors';
import { progress, seconds } from '../output';
import type { Options } from '../args';
import type { CliSession } from '../session';
import type { CommandDef, CommandOutput } from './types';

/** About 350 customers per manager (a county tobacco department's load), at most 60 unless asked. */
export function defaultManagerCount(customers: number): number {
  return Math.min(60, Math.max(1, Math.ceil(customers / 350)));
}

export const seedCommand: CommandDef = {
  words: ['seed'],
  params: [],
  summary: '生成演示数据：客户经理 manager01…、大量真实感客户和历年走访记录（仅管理员/负责人；培训与性能测试用）',
  login: true,
  options: [
    { name: 'customers', arg: '<个数>', description: '生成多少个客户（如 200000）' },
    { name: 'visits', arg: '<条数>', description: '再生成多少条走访记录：按各分级的走访周期排到昨天，条数够多时最长5年（如 1000000；可单独用于已有客户的库）' },
    { name: 'managers', arg: '<个数>', description: '客户经理个数（默认按每人约350户估算，最多60）' },
    { name: 'manager-password', arg: '<密码>', description: `新建客户经理的密码（默认 ${DEFAULT_MANAGER_PASSWORD}）` },
    { name: 'seed', arg: '<数字>', description: '随机种子：同一种子生成同样的数据（默认 1）' },
  ],
  notes: [
    '--customers 与 --visits 至少给一个。已存在的 manager01… 账号直接沿用（密码不变）；客户编码接在现有编码之后。',
    '走访记录按客户分级的走访周期分给各客户的客户经理（只用有客户经理的在册客户）。',
  ],
  async run({ session, opts, json }) {
    const customers = opts.int('customers', 0, 999_999);
    const visits = opts.int('visits', 0, 50_000_000);
    if (customers === undefined && visits === undefined) throw usageError('缺少 --customers <个数> 或 --visits <条数>（至少给一个）');
    const seed = opts.int('seed', 0, 2 ** 31 - 1) ?? 1;
    const showProgress = !json && process.stderr.isTTY;
    // seedBranch checks the role itself; checked here too so `--visits` alone is held to the same rule.
    const role = session.info!.user.role;
    if (role !== 'admin' && role !== 'supervisor') throw apiError({ code: 'FORBIDDEN', message: '只有管理员或负责人可以生成演示数据' });

    const out = customers === undefined ? { json: {}, text: '' } : await seedCustomers(session, opts, customers, seed, showProgress);
    if (visits === undefined) return out;
    const v = seedVisits(session.core.db, visits, {
      seed,
      onProgress: showProgress ? (done) => progress(`已写入走访 ${done} / ${visits}`) : undefined,
    });
    const prior = out.json as { ms?: object };
    return {
      json: { ...prior, visits: v.stored, ms: { ...prior.ms, visits: v.ms } },
      text: [out.text, `已生成 ${v.stored} 条走访记录（${v.from ?? '—'} 至 ${v.to ?? '—'}），用时 ${seconds(v.ms)}`].filter(Boolean).join('\n'),
    };
  },
};

async function seedCustomers(session: CliSession, opts: Options, customers: number, seed: number, showProgress: boolean): Promise<CommandOutput> {
  const managers = opts.int('managers', 1, 999) ?? defaultManagerCount(customers);
  const managerPassword = opts.str('manager-password') ?? DEFAULT_MANAGER_PASSWORD;
  if (managerPassword.length < 8) throw apiError({ code: 'BAD_INPUT', message: '客户经理密码至少8位', field: 'manager-password' });
  let result;
  try {
    result = await seedBranch(session.core.db, {
      user: session.info!.user,
      customers,
      managers,
      managerPassword,
      passwordCost: session.core.passwordCost,
      seed,
      host: 'cli',
      onProgress: showProgress ? (done, total) => progress(`已写入 ${done} / ${total}`) : undefined,
    });
  } catch (e) {
    // seedBranch works below the router, so its refusals arrive as AppError rather than a Result.
    if (e instanceof AppError) throw apiError(e.toApiError());
    throw e;
  }
  const perSecond = result.ms.insert > 0 ? Math.round(result.customers / (result.ms.insert / 1000)) : 0;
  const lines = [
    `已生成 ${result.customers} 个客户${result.customers ? `（编码 ${result.firstCode}–${result.lastCode}）` : ''}`,
    `客户经理 ${managers} 个：新建 ${result.managersCreated} 个，沿用 ${result.managersReused} 个` +
      (result.managersCreated
        ? opts.has('manager-password')
          ? '（新账号使用 --manager-password 给出的密码，首次登录须修改）'
          : `（新账号默认密码 ${DEFAULT_MANAGER_PASSWORD}，首次登录须修改）`
        : ''),
    `用时 ${seconds(result.ms.total)}（建账号 ${seconds(result.ms.managers)}，生成 ${seconds(result.ms.generate)}，写入 ${seconds(result.ms.insert)}，约 ${perSecond} 个/秒；统计信息 ${seconds(result.ms.analyze)}）`,
  ];
  return { json: { ...result, managers }, text: lines.join('\n') };
}
