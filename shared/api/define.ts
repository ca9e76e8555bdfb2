import type { z } from 'zod';

export type Role = 'admin' | 'supervisor' | 'manager';
export const ROLES: readonly Role[] = ['admin', 'supervisor', 'manager'];

/**
 * Who may call a method. 'public' needs no login (first-run setup, login itself);
 * 'user' needs any logged-in, unlocked user; a role list restricts further.
 * Data scope (a manager's own customers) is checked inside the handler.
 */
export type Access = 'public' | 'user' | readonly Role[];

export interface MethodDef<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  access: Access;
  /** Phantom field carrying the output type; never set at runtime. */
  readonly output?: O;
}

/** `method<Output>()(inputSchema, access)` — curried so the output type can be named while the input is inferred. */
export function method<O>() {
  return <I extends z.ZodType>(input: I, access: Access): MethodDef<I, O> => ({ input, access });
}
