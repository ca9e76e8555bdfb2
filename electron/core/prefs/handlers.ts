import type { HandlerMap } from '../context';
import { badInput } from '../errors';
import { readPref, writePref } from './repo';

const MAX_PREF_BYTES = 64 * 1024;

/** Per-user UI preferences (grid columns and widths …): opaque JSON the renderer owns. */
export const prefsHandlers: HandlerMap<'prefs.get' | 'prefs.set'> = {
  'prefs.get': (ctx, input) => {
    const value = readPref(ctx.db, ctx.user!.id, input.key);
    return value !== null ? (JSON.parse(value) as unknown) : null;
  },
  'prefs.set': (ctx, input) => {
    const json = JSON.stringify(input.value ?? null);
    if (json.length > MAX_PREF_BYTES) throw badInput('偏好设置过大', 'value');
    writePref(ctx.db, ctx.user!.id, input.key, json);
    return null;
  },
};
