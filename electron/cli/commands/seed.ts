import { DEFAULT_MANAGER_PASSWORD, seedBranch } from '../../core/seed';
import { AppError } from '../../core/errors';
import { apiError } from '../errors';
import { progress, seconds } from '../output';
import type { CommandDef } from './types';

/** About 350 customers per manager (a county tobacco department's load), at most 60 unless asked. */
export function defaultManagerCount(customers: number): number {
  return Math.min(60, Math.max(1, Math.ceil(customers / 350)));
}

export const seedCommand: CommandDef = {
  words: ['seed'],
  params: [],
  summary: '生成演示数据：客户经理 manager01… 和大量真实感客户（仅管理员/负责人；培训与性能测试用）',
  login: true,
  options: [
    { name: 'customers', arg: '<个数>', description: '生成多少个客户（如 200000）', required: true },
    { name: 'managers', arg: '<个数>', description: '客户经理个数（默认按每人约350户估算，最多60）' },
    { name: 'manager-password', arg: '<密码>', description: `新建客户经理的密码（默认 ${DEFAULT_MANAGER_PASSWORD}）` },
    { name: 'seed', arg: '<数字>', description: '随机种子：同一种子生成同样的数据（默认 1）' },
  ],
  notes: ['已存在的 manager01… 账号直接沿用（密码不变）；客户编码接在现有编码之后。'],
  async run({ session, opts, json }) {
    const customers = opts.int('customers', 0, 999_999)!;
    const managers = opts.int('managers', 1, 999) ?? defaultManagerCount(customers);
    const seed = opts.int('seed', 0, 2 ** 31 - 1) ?? 1;
    const managerPassword = opts.str('manager-password') ?? DEFAULT_MANAGER_PASSWORD;
    if (managerPassword.length < 8) throw apiError({ code: 'BAD_INPUT', message: '客户经理密码至少8位', field: 'manager-password' });
    const showProgress = !json && process.stderr.isTTY;
    let result;
    try {
      result = await seedBranch(session.core.db, {
        user: session.info!.user,
        customers,
        managers,
        managerPassword,
        seed,
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
  },
};
