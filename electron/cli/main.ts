/**
 * BranchDesk command line: `npm run cli -- <command> …`. It opens the same core
 * as the app and goes through router.invoke after a real auth.login, so a
 * script is held to the same roles, data scope and validation as a person.
 */
import { AppError } from '../core/errors';
import { Options, parseArgv, positionals } from './args';
import { COMMANDS } from './commands';
import type { CommandDef } from './commands/types';
import { CliError, EXIT_REFUSED, usageError } from './errors';
import { commandHelp, commandSpecs, groupHelp, mainHelp } from './help';
import { printError, printJson, printText } from './output';
import { CliSession } from './session';

const FLAGS = new Set(['json', 'help', 'full', 'ignore-duplicates', 'all-or-nothing', 'dry-run', 'no-contacts-sheet', 'key-customer', 'deleted', 'outstanding', 'all', 'evaluate']);

function findCommand(words: readonly string[]): CommandDef | undefined {
  return COMMANDS.find((c) => c.words.every((w, i) => words[i] === w));
}

async function execute(cmd: CommandDef, opts: Options, args: string[], json: boolean): Promise<void> {
  const session = CliSession.open(opts.req('db'));
  try {
    if (cmd.login) {
      const password = (cmd.loginPassword ? cmd.loginPassword(opts) : opts.str('password')) ?? process.env.BRANCHDESK_PASSWORD;
      if (!password) throw usageError('缺少登录密码：--password <密码>（或设置环境变量 BRANCHDESK_PASSWORD）');
      await session.login(opts.req('user'), password);
    }
    const out = await cmd.run({ session, opts, args, json });
    if (json) {
      printJson(out.json);
    } else {
      printText(out.text);
      if (out.note) process.stderr.write(`${out.note}\n`);
    }
  } finally {
    await session.close();
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  let json = argv.includes('--json');
  try {
    const parsed = parseArgv(argv, FLAGS);
    json = parsed.options.some((o) => o.name === 'json');
    const help = parsed.options.some((o) => o.name === 'help');
    const words = parsed.positionals;

    if (!words.length || words[0] === 'help') {
      printText(mainHelp(COMMANDS));
      return 0;
    }
    const cmd = findCommand(words);
    if (!cmd) {
      if (COMMANDS.some((c) => c.words[0] === words[0])) {
        if (help || words.length === 1) {
          printText(groupHelp(words[0], COMMANDS));
          return help ? 0 : 2;
        }
        throw usageError(`未知命令：${words.slice(0, 2).join(' ')}（用 --help 查看可用命令）`);
      }
      throw usageError(`未知命令：${words[0]}（用 --help 查看可用命令）`);
    }
    if (help) {
      printText(commandHelp(cmd));
      return 0;
    }
    // Everything about the command line is checked before the database is opened,
    // so a typo never leaves an empty database file behind.
    const opts = new Options(parsed, commandSpecs(cmd));
    const args = positionals(parsed, cmd.words.length, cmd.params);
    await execute(cmd, opts, args, json);
    return 0;
  } catch (e) {
    if (e instanceof CliError) {
      printError(e, json);
      return e.exitCode;
    }
    // The core refused to open the database (damaged, read-only, not a database): its own words.
    if (e instanceof AppError) {
      printError(new CliError(e.toApiError(), EXIT_REFUSED), json);
      return EXIT_REFUSED;
    }
    const message = e instanceof Error ? e.message : String(e);
    printError(new CliError({ code: 'INTERNAL', message: `内部错误：${message}` }, EXIT_REFUSED), json);
    if (process.env.BRANCHDESK_DEBUG) console.error(e);
    return EXIT_REFUSED;
  }
}

// process.exitCode rather than process.exit(): stdout is a pipe in scripts and must be allowed to drain.
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
