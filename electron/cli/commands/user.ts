import { ROLE_LABELS } from '../../../shared/domain/constants';
import type { Role } from '../../../shared/api/define';
import type { Options } from '../args';
import { usageError } from '../errors';
import type { CommandDef } from './types';

const ROLES: readonly Role[] = ['admin', 'supervisor', 'manager'];

/**
 * `user add` needs two passwords: the caller's login and the new account's. The
 * unambiguous spelling is --new-password; two --password options also work, and
 * then the one written right after `--user <name>` is the login.
 */
export function splitPasswords(opts: Options): { login: string | undefined; created: string } {
  const pw = opts.all('password');
  if (opts.has('new-password')) {
    if (pw.length > 1) throw usageError('同时给了 --new-password 和两个 --password，请只保留一种写法');
    return { login: pw[0] ? String(pw[0].value) : undefined, created: opts.req('new-password') };
  }
  if (pw.length === 2) {
    const user = opts.all('user')[0];
    const loginIndex = user ? pw.findIndex((p) => p.ordinal === user.ordinal + 1) : -1;
    if (loginIndex < 0) {
      throw usageError('有两个 --password 时，登录密码须紧跟在 --user <用户名> 后面；或用 --new-password 指定新用户的密码');
    }
    return { login: String(pw[loginIndex].value), created: String(pw[1 - loginIndex].value) };
  }
  if (pw.length === 1 && process.env.BRANCHDESK_PASSWORD) {
    // Login password from the environment: the only --password is the new account's.
    return { login: undefined, created: String(pw[0].value) };
  }
  throw usageError('请给出新用户的密码：--new-password <密码>（或在 --user <用户名> --password <登录密码> 之外再写一个 --password）');
}

export const userAddCommand: CommandDef = {
  words: ['user', 'add'],
  params: [],
  summary: '新建用户（仅管理员）',
  login: true,
  options: [
    { name: 'password', arg: '<密码>', description: '登录密码；写第二个时为新用户的密码（见下）', repeatable: true },
    { name: 'name', arg: '<用户名>', description: '新用户的登录名', required: true },
    { name: 'role', arg: '<角色>', description: 'admin（管理员）/ supervisor（负责人）/ manager（客户经理）', required: true },
    { name: 'new-password', arg: '<密码>', description: '新用户的初始密码（至少8位；首次登录须修改）' },
    { name: 'display-name', arg: '<姓名>', description: '姓名（默认同用户名）' },
  ],
  loginPassword: (opts) => splitPasswords(opts).login,
  notes: ['新用户的密码也可以写成第二个 --password：紧跟在 --user <用户名> 后面的那个是登录密码，另一个是新用户的密码。'],
  async run({ session, opts }) {
    const role = opts.oneOf('role', ROLES, '角色 --role ')!;
    const name = opts.req('name');
    const { created } = splitPasswords(opts);
    const user = await session.call('users.create', {
      name,
      role,
      password: created,
      displayName: opts.str('display-name') ?? name,
    });
    return {
      json: user,
      text: `已创建用户 ${user.name}（${ROLE_LABELS[user.role]}，姓名 ${user.displayName}，ID ${user.id}）；首次登录时须修改密码`,
    };
  },
};
