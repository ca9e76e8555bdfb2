import type { OptionSpec } from './args';
import type { CommandDef } from './commands/types';
import { displayWidth } from './output';

export const GLOBAL_OPTIONS: OptionSpec[] = [
  { name: 'db', arg: '<文件>', description: '数据库文件，不存在时自动创建', required: true },
  { name: 'json', flag: true, description: '输出 JSON（供脚本使用）；出错时输出 {"ok":false,"error":{"code","message"}}' },
  { name: 'help', flag: true, description: '显示帮助' },
];

export const LOGIN_OPTIONS: OptionSpec[] = [
  { name: 'user', arg: '<用户名>', description: '以该用户登录，权限和数据范围与界面相同', required: true },
  { name: 'password', arg: '<密码>', description: '登录密码（也可放在环境变量 BRANCHDESK_PASSWORD 中，以免留在命令历史里）' },
];

export function usageLine(cmd: CommandDef): string {
  return [...cmd.words, ...cmd.params].join(' ');
}

function optionLines(specs: readonly OptionSpec[]): string[] {
  const heads = specs.map((s) => `--${s.name}${s.arg ? ` ${s.arg}` : ''}${s.name === 'help' ? ', -h' : ''}`);
  const width = Math.max(...heads.map(displayWidth)) + 2;
  return specs.map((s, i) => `  ${heads[i]}${' '.repeat(width - displayWidth(heads[i]))}${s.required ? '（必填）' : ''}${s.description}`);
}

/** Options a command accepts, in the order help shows them: its own, then login, then global. */
export function commandSpecs(cmd: CommandDef): OptionSpec[] {
  const own = new Set(cmd.options.map((o) => o.name));
  const login = cmd.login ? LOGIN_OPTIONS.filter((o) => !own.has(o.name)) : [];
  return [...cmd.options, ...login, ...GLOBAL_OPTIONS];
}

export function mainHelp(commands: readonly CommandDef[]): string {
  const usages = commands.map(usageLine);
  const width = Math.max(...usages.map(displayWidth)) + 2;
  return [
    'BranchDesk 网点客户经理工作台 · 命令行',
    '与界面走同一套接口：登录后按用户的角色和数据范围执行，输入校验规则也完全相同。',
    '',
    '用法：npm run cli -- <命令> [参数] [选项]',
    '',
    '命令：',
    ...commands.map((c, i) => `  ${usages[i]}${' '.repeat(width - displayWidth(usages[i]))}${c.summary}`),
    '',
    '通用选项：',
    ...optionLines([...LOGIN_OPTIONS, ...GLOBAL_OPTIONS]),
    '  （init 不需要 --user/--password，其余命令都需要）',
    '  （管理员新建的或重置过密码的账号须先用 passwd 改成自己的密码，其余命令才能执行）',
    '',
    '输出与退出码：',
    '  默认输出中文摘要或表格；--json 输出与 API 相同字段名的 JSON（客户经理字段 manager 为用户名，客户字段 customer 为客户编码）。',
  '  日期一律写作 YYYY-MM-DD，时间写作 YYYY-MM-DDTHH:mm；--week 为该周星期一的日期。',
    '  出错时标准错误输出「错误：…」；退出码 0 成功，1 被拒绝或输入有误，2 命令行用法错误。',
    '',
    '示例：',
    "  npm run cli -- init --db 网点.db --branch 城关烟草营销部 --type tobacco --admin admin --password 'Admin#2026'",
    "  npm run cli -- user add --db 网点.db --user admin --password 'Admin#2026' --name zhangsan --role manager --new-password 'Zs#Init2026' --display-name 张三",
    "  npm run cli -- passwd --db 网点.db --user zhangsan --password 'Zs#Init2026' --new 'Zs#20260101'",
    `  npm run cli -- customer add --db 网点.db --user zhangsan --password 'Zs#20260101' --data '{"name":"李四","kind":"个人","mobile":"13800001234"}'`,
    "  npm run cli -- customer search ls --db 网点.db --user zhangsan --password 'Zs#20260101'",
    `  npm run cli -- visit add --db 网点.db --user zhangsan --password 'Zs#20260101' --data '{"customer":"C000001","signIn":"2026-03-02T09:30","durationMinutes":40,"signature":"已签"}'`,
    "  npm run cli -- visit list --from 2026-03-01 --to 2026-03-31 --manager zhangsan --db 网点.db --user admin --password 'Admin#2026'",
    "  npm run cli -- plan generate --week 2026-03-09 --db 网点.db --user admin --password 'Admin#2026'",
    "  npm run cli -- plan show --week 2026-03-09 --manager zhangsan --db 网点.db --user admin --password 'Admin#2026'",
    "  npm run cli -- seed --customers 200000 --managers 60 --visits 1000000 --db 网点.db --user admin --password 'Admin#2026'",
    '',
    '查看某个命令的全部选项：npm run cli -- <命令> --help',
  ].join('\n');
}

export function commandHelp(cmd: CommandDef): string {
  return [
    `用法：npm run cli -- ${usageLine(cmd)} [选项]`,
    '',
    cmd.summary,
    '',
    '选项：',
    ...optionLines(commandSpecs(cmd)),
    ...(cmd.notes?.length ? ['', ...cmd.notes] : []),
  ].join('\n');
}

/** Help for a word that starts commands (`customer`), listing the commands under it. */
export function groupHelp(word: string, commands: readonly CommandDef[]): string {
  const group = commands.filter((c) => c.words[0] === word);
  const usages = group.map(usageLine);
  const width = Math.max(...usages.map(displayWidth)) + 2;
  return [
    `「${word}」下的命令：`,
    ...group.map((c, i) => `  ${usages[i]}${' '.repeat(width - displayWidth(usages[i]))}${c.summary}`),
    '',
    '查看某个命令的全部选项：npm run cli -- <命令> --help',
  ].join('\n');
}
