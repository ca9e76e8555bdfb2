import type { CommandDef } from './types';

/**
 * The logged-in account changes its own password: `--password` is the current one. An account
 * an administrator created or reset can run nothing else until it has (the core refuses it
 * with PASSWORD_CHANGE_REQUIRED). The account's other sessions, in the app and the web host, end.
 */
export const passwdCommand: CommandDef = {
  words: ['passwd'],
  params: [],
  summary: '修改登录用户自己的密码（管理员设置或重置的密码须先用它改掉）',
  login: true,
  options: [{ name: 'new', arg: '<新密码>', description: '新密码（至少8位，不能与原密码相同）', required: true }],
  notes: [
    '--user/--password 是要改密码的账号和它现在的密码。',
    '改好后，该账号在桌面程序和网页上的其他登录立即失效，须用新密码重新登录。',
    '--json 输出 {"ok":true,"user":"<用户名>"}。',
  ],
  async run({ session, opts }) {
    // The current password is the one this command logged in with (main.ts: --password, else the environment).
    const current = opts.str('password') ?? process.env.BRANCHDESK_PASSWORD ?? '';
    await session.call('auth.changePassword', { oldPassword: current, newPassword: opts.req('new') });
    const name = session.info!.user.name;
    return { json: { ok: true, user: name }, text: `已修改用户 ${name} 的密码；该账号的其他登录已失效，请用新密码登录` };
  },
};
