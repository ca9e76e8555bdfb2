import { usageError } from './errors';

/** One `--name value` (or `--name=value`, or a bare flag) in the order given. */
export interface OptionOccurrence {
  name: string;
  value: string | true;
  /** Position among the options only, so "written right after --user" can be told apart. */
  ordinal: number;
}

export interface ParsedArgs {
  positionals: string[];
  options: OptionOccurrence[];
}

/**
 * A deliberately tiny parser (no dependency, Chinese messages): `--name value`,
 * `--name=value`, bare flags for names in `flags`, `-h`, and `--` to end options.
 * A value may start with a single dash (a search for -12) but never with `--`.
 */
export function parseArgv(argv: readonly string[], flags: ReadonlySet<string>): ParsedArgs {
  const positionals: string[] = [];
  const options: OptionOccurrence[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (token === '-h') {
      options.push({ name: 'help', value: true, ordinal: options.length });
      continue;
    }
    if (!token.startsWith('--') || token.length === 2) {
      positionals.push(token);
      continue;
    }
    const eq = token.indexOf('=');
    const name = eq > 0 ? token.slice(2, eq) : token.slice(2);
    if (!/^[a-z][a-z0-9-]*$/.test(name)) throw usageError(`选项格式不正确：${token}`);
    if (eq > 0) {
      if (flags.has(name)) throw usageError(`选项 --${name} 不需要值`);
      options.push({ name, value: token.slice(eq + 1), ordinal: options.length });
    } else if (flags.has(name)) {
      options.push({ name, value: true, ordinal: options.length });
    } else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw usageError(`选项 --${name} 缺少值`);
      options.push({ name, value: next, ordinal: options.length });
      i++;
    }
  }
  return { positionals, options };
}

export interface OptionSpec {
  name: string;
  /** Shown in help: `<条数>`; omitted for flags. */
  arg?: string;
  description: string;
  required?: boolean;
  flag?: boolean;
  /** May be given more than once (user add's second --password). */
  repeatable?: boolean;
}

/** Typed access to the options of one command, after checking them against its spec. */
export class Options {
  constructor(
    private readonly parsed: ParsedArgs,
    specs: readonly OptionSpec[],
  ) {
    const known = new Map(specs.map((s) => [s.name, s]));
    const seen = new Set<string>();
    for (const o of parsed.options) {
      const spec = known.get(o.name);
      if (!spec) throw usageError(`不认识的选项 --${o.name}（用 --help 查看用法）`);
      if (seen.has(o.name) && !spec.repeatable) throw usageError(`选项 --${o.name} 重复出现`);
      seen.add(o.name);
    }
    for (const s of specs) {
      if (s.required && !seen.has(s.name)) throw usageError(`缺少必填选项 --${s.name}${s.arg ? ` ${s.arg}` : ''}`);
    }
  }

  all(name: string): OptionOccurrence[] {
    return this.parsed.options.filter((o) => o.name === name);
  }

  has(name: string): boolean {
    return this.parsed.options.some((o) => o.name === name);
  }

  flag(name: string): boolean {
    return this.has(name);
  }

  str(name: string): string | undefined {
    const o = this.all(name).at(-1);
    return o === undefined ? undefined : String(o.value);
  }

  /** Required by the spec, so present after the constructor's check. */
  req(name: string): string {
    const v = this.str(name);
    if (v === undefined) throw usageError(`缺少必填选项 --${name}`);
    return v;
  }

  int(name: string, min: number, max: number): number | undefined {
    const v = this.str(name);
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v.trim()) || Number(v) < min || Number(v) > max) {
      throw usageError(`选项 --${name} 须为 ${min} 到 ${max} 之间的整数（当前为「${v}」）`);
    }
    return Number(v);
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], label: string): T | undefined {
    const v = this.str(name);
    if (v === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(v)) throw usageError(`${label}须为 ${allowed.join(' / ')}（当前为「${v}」）`);
    return v as T;
  }
}

/** Positional arguments of a command (after the command words), checked for count. */
export function positionals(parsed: ParsedArgs, words: number, names: readonly string[]): string[] {
  const rest = parsed.positionals.slice(words);
  if (rest.length < names.length) throw usageError(`缺少参数 ${names.slice(rest.length).join(' ')}`);
  if (rest.length > names.length) throw usageError(`多余的参数：${rest.slice(names.length).join(' ')}`);
  return rest;
}
