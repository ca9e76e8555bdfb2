import type { ApiError } from '../../shared/api/result';

/** Exit codes scripts can rely on: 1 = the core refused or the input was bad, 2 = the command line itself is wrong. */
export const EXIT_REFUSED = 1;
export const EXIT_USAGE = 2;

/** A failure with a Chinese message, carried up to main.ts which prints it and sets the exit code. */
export class CliError extends Error {
  constructor(
    readonly error: { code: string } & Omit<ApiError, 'code'>,
    readonly exitCode: number,
  ) {
    super(error.message);
    this.name = 'CliError';
  }
}

export const usageError = (message: string) => new CliError({ code: 'USAGE', message }, EXIT_USAGE);

export const inputError = (message: string, field?: string) =>
  new CliError({ code: 'BAD_INPUT', message, ...(field ? { field } : {}) }, EXIT_REFUSED);

/** A refusal of the core; an account that must change its password is told the command that does it. */
export const apiError = (error: ApiError) =>
  new CliError(
    error.code === 'PASSWORD_CHANGE_REQUIRED' ? { ...error, message: `${error.message}（命令行：passwd --new <新密码>）` } : error,
    EXIT_REFUSED,
  );
