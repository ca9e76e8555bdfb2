import type { OptionSpec, Options } from '../args';
import type { CliSession } from '../session';

export interface CommandContext {
  session: CliSession;
  opts: Options;
  /** Positional arguments after the command words, already checked for count. */
  args: string[];
  json: boolean;
}

/** What a command produced: main.ts prints `json` with --json and `text` otherwise. */
export interface CommandOutput {
  json: unknown;
  text: string;
  /** A human confirmation for stderr when stdout must stay bare (customer add prints only the id). */
  note?: string;
}

export interface CommandDef {
  /** Command words: ['customer', 'get']. */
  words: string[];
  /** Positional argument names for usage and count checks: ['<id>']. */
  params: string[];
  summary: string;
  options: OptionSpec[];
  /** Every command but init logs in first (--user/--password) and runs as that user. */
  login: boolean;
  /** Where the login password is, when --password means something else too (user add). */
  loginPassword?(opts: Options): string | undefined;
  /** Extra lines for this command's --help. */
  notes?: string[];
  run(ctx: CommandContext): Promise<CommandOutput>;
}
