import type { HandlerMap } from '../context';
import { badInput } from '../errors';

const MAX_PREF_BYTES = 64 * 1024;

/** Per-user UI preferences (grid columns and widths …): opaque JSON the renderer owns. */
export const prefsHandlers: HandlerMap<'prefs.get' | 'prefs.set'> = {
  'prefs.get': (ctx, input) => {
    const row = ctx.db.prepare('SELECT value FROM user_prefs WHERE user_id = ? AND key = ?').get(ctx.user!.id, input.key) as
      | { value: string }
      | undefined;
    return row ? (JSON.parse(row.value) as unknown) : null;
  },
  'prefs.set': (ctx, input) => {
    const json = JSON.stringify(input.value ?? null);
    if (json.length > MAX_PREF_BYTES) throw badInput('偏好设置过大', 'value');
    ctx.db
      .prepare(
        'INSERT INTO user_prefs (user_id, key, value) VALUES (?, ?, ?) ON CONFLICT(user_id, key) DO UPDATE SET value = excluded.value',
      )
      .run(ctx.user!.id, input.key, json);
    return null;
  },
};
