import { z } from 'zod';
import { method, type MethodDef } from './define';

export const prefsApi = {
  'prefs.get': method<unknown>()(z.object({ key: z.string().regex(/^[a-z][a-zA-Z0-9.]{0,60}$/) }).strict(), 'user'),
  'prefs.set': method<null>()(
    z.object({ key: z.string().regex(/^[a-z][a-zA-Z0-9.]{0,60}$/), value: z.unknown() }).strict(),
    'user',
  ),
} satisfies Record<string, MethodDef>;
