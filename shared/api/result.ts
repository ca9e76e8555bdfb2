/** Error codes the UI can act on; the message is always user-facing Simplified Chinese. */
export type ErrorCode =
  | 'BAD_INPUT'
  | 'NOT_LOGGED_IN'
  | 'SESSION_LOCKED'
  /** The account still has a password an administrator set: only changing it (and logging out) is allowed. */
  | 'PASSWORD_CHANGE_REQUIRED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'ACCOUNT_LOCKED'
  | 'BAD_CREDENTIALS'
  | 'NOT_INITIALIZED'
  | 'ALREADY_INITIALIZED'
  | 'UNKNOWN_METHOD'
  | 'INTERNAL';

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** Dotted path of the offending input field, when there is one (e.g. `contacts.1.mobile`). */
  field?: string;
  /** Every field problem at once, so a form can mark them all. */
  fields?: { field: string; message: string }[];
  /** Structured extras for the UI, e.g. the likely duplicates behind a CONFLICT. */
  details?: unknown;
}

/** The one answer shape across IPC and HTTP (as Signal does): never a thrown error. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };
