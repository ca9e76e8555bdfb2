import { BRANCH_TYPE_LABELS, BRANCH_TYPES } from '../../../shared/domain/constants';
import type { CommandDef } from './types';

export const initCommand: CommandDef = {
  words: ['init'],
  params: [],
  summary: '初始设置：创建网点和管理员账号（新数据库只需做一次）',
  login: false,
  options: [
    { name: 'branch', arg: '<网点名称>', description: '网点名称，如 城关烟草营销部', required: true },
    { name: 'type', arg: '<类型>', description: '网点类型：bank（银行）/ telecom（电信）/ tobacco（烟草）/ other（其他）', required: true },
    { name: 'admin', arg: '<用户名>', description: '管理员用户名', required: true },
    { name: 'password', arg: '<密码>', description: '管理员密码（至少8位）', required: true },
    { name: 'display-name', arg: '<姓名>', description: '管理员姓名（默认同用户名）' },
  ],
  async run({ session, opts }) {
    const branchType = opts.oneOf('type', BRANCH_TYPES, '网点类型 --type ')!;
    const input = {
      branchName: opts.req('branch'),
      branchType,
      adminName: opts.req('admin'),
      password: opts.req('password'),
      ...(opts.has('display-name') ? { adminDisplayName: opts.req('display-name') } : {}),
    };
    await session.call('setup.init', input);
    return {
      json: { branchName: input.branchName.trim(), branchType, adminName: input.adminName.trim() },
      text: `已完成初始设置：网点「${input.branchName.trim()}」（${BRANCH_TYPE_LABELS[branchType]}），管理员账号 ${input.adminName.trim()}`,
    };
  },
};
