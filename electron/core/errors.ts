import type { ApiError, ErrorCode } from '../../shared/api/result';

/** Thrown by handlers and rules; the router turns it into `{ ok: false, error }`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: Omit<ApiError, 'code' | 'message'> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  toApiError(): ApiError {
    return { code: this.code, message: this.message, ...this.extra };
  }
}

export const badInput = (message: string, field?: string, fields?: ApiError['fields']) =>
  new AppError('BAD_INPUT', message, { field, fields });
export const forbidden = (message = '没有权限执行此操作') => new AppError('FORBIDDEN', message);
export const notFound = (message: string) => new AppError('NOT_FOUND', message);
export const conflict = (message: string, details?: unknown) => new AppError('CONFLICT', message, { details });
