import type { z } from 'zod';
import { Rng } from '../../../electron/core/seed/prng';

/**
 * Reading the contract's zod schemas from the outside: every field path a method takes (for
 * the label check), the words the contract itself defines (field names, enum values: allowed
 * in messages), and inputs generated from a schema for the fuzz — plausible ones, then mutated.
 * zod 4 keeps a schema's structure in `_zod.def`; only the kinds the contract uses are handled.
 */

interface Def {
  type: string;
  [key: string]: unknown;
}

type Schema = z.ZodType;

function defOf(s: unknown): Def | null {
  return ((s as { _zod?: { def?: Def } } | null)?._zod?.def as Def | undefined) ?? null;
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

function inner(d: Def): Schema | null {
  if (WRAPPERS.has(d.type)) return d.innerType as Schema;
  if (d.type === 'pipe') return d.in as Schema;
  return null;
}

/** Every field path of an input schema: `['data', 'contacts', 0, 'mobile']` (0 stands for any index). */
export function fieldPaths(schema: Schema, prefix: (string | number)[] = [], out: (string | number)[][] = [], depth = 0): (string | number)[][] {
  const d = defOf(schema);
  if (!d || depth > 12) return out;
  const wrapped = inner(d);
  if (wrapped) return fieldPaths(wrapped, prefix, out, depth + 1);
  if (d.type === 'object') {
    for (const [k, v] of Object.entries(d.shape as Record<string, Schema>)) {
      const p = [...prefix, k];
      out.push(p);
      fieldPaths(v, p, out, depth + 1);
    }
  } else if (d.type === 'array') {
    fieldPaths(d.element as Schema, [...prefix, 0], out, depth + 1);
  } else if (d.type === 'union') {
    for (const o of d.options as Schema[]) fieldPaths(o, prefix, out, depth + 1);
  } else if (d.type === 'intersection') {
    fieldPaths(d.left as Schema, prefix, out, depth + 1);
    fieldPaths(d.right as Schema, prefix, out, depth + 1);
  }
  return out;
}

/** Field names, enum values and literals a schema declares: the contract's own words. */
export function contractWords(schema: Schema, out = new Set<string>(), depth = 0): Set<string> {
  const d = defOf(schema);
  if (!d || depth > 12) return out;
  const wrapped = inner(d);
  if (wrapped) return contractWords(wrapped, out, depth + 1);
  switch (d.type) {
    case 'object':
      for (const [k, v] of Object.entries(d.shape as Record<string, Schema>)) {
        out.add(k);
        contractWords(v, out, depth + 1);
      }
      break;
    case 'array':
      contractWords(d.element as Schema, out, depth + 1);
      break;
    case 'union':
      for (const o of d.options as Schema[]) contractWords(o, out, depth + 1);
      break;
    case 'enum':
      for (const v of Object.values(d.entries as Record<string, unknown>)) out.add(String(v));
      break;
    case 'literal':
      for (const v of d.values as unknown[]) out.add(String(v));
      break;
    case 'record':
      contractWords(d.valueType as Schema, out, depth + 1);
      break;
  }
  return out;
}

interface Checks {
  min?: number;
  max?: number;
  int?: boolean;
  maxLength?: number;
  minLength?: number;
  pattern?: RegExp;
}

function checksOf(d: Def): Checks {
  const c: Checks = {};
  for (const check of (d.checks as { _zod: { def: Record<string, unknown> } }[] | undefined) ?? []) {
    const cd = check._zod.def;
    if (cd.check === 'greater_than') c.min = Number(cd.value) + (cd.inclusive ? 0 : 1);
    else if (cd.check === 'less_than') c.max = Number(cd.value) - (cd.inclusive ? 0 : 1);
    else if (cd.check === 'number_format') c.int = true;
    else if (cd.check === 'max_length') c.maxLength = Number(cd.maximum);
    else if (cd.check === 'min_length') c.minLength = Number(cd.minimum);
    else if (cd.check === 'string_format' && cd.pattern instanceof RegExp) c.pattern = cd.pattern;
  }
  return c;
}

const CHINESE = ['张三', '李四', '城关烟酒店', '和平路12号', '了解销售情况', '价签不清', '海报', '白金', '金', '个人', '零售户'];

/** A plausible string for a field, guessed from its name: what a real caller would send. */
function plausibleString(key: string, rng: Rng, c: Checks): string {
  const k = key.toLowerCase();
  let s: string;
  if (c.pattern?.source.includes('[0-9a-f]{24}')) s = rng.digits(24).replace(/[0-9]/g, (d) => 'abcdef0123456789'[Number(d)]);
  else if (k === 'jobid') s = rng.pick(['00000000-0000-4000-8000-000000000000', 'not-a-job']);
  else if (k.includes('password')) s = rng.pick(['Passw0rd!2026', 'Admin#2024pw', 'x']);
  else if (k === 'week') s = rng.pick(['2024-06-03', '2024-06-10', '2024-06-05']);
  else if (/date|due|birthday|from|to|before|openedat/.test(k)) s = rng.pick(['2024-06-03', '2024-06-05', '2024-06-05T10:00', '06-01', '2024-13-45', '2024-06']);
  else if (/signin|signout/.test(k)) s = rng.pick(['2024-06-05T09:30', '2024-06-05T10:15', '0930', '2024-06-05 09:30']);
  else if (k === 'customer' || k === 'code') s = rng.pick(['C000001', 'C000002', 'Z000001', 'L000001', 'nope']);
  else if (k.includes('mobile')) s = rng.pick(['13812345678', '13900000001', '123']);
  else if (k === 'phone') s = rng.pick(['0571-88886666', '88886666']);
  else if (k === 'idnumber') s = rng.pick(['110105194912310029', '11010519491231002X', '123']);
  else if (k === 'creditcode') s = rng.pick(['91110000100000000X', '123']);
  else if (k === 'database64' || k === 'data') s = rng.pick([Buffer.from('\x89PNG\r\n\x1a\nbody').toString('base64'), Buffer.from('客户名称,客户类型\n张三,个人\n').toString('base64'), 'QUJD', '']);
  else if (k === 'filename') s = rng.pick(['客户.csv', 'a.xlsx', '..', '.', 'CON', 'a/../b.xlsx']);
  else if (k === 'key') s = rng.pick(['customers.columns', 'x', 'a.b']);
  else if (k === 'name' || k.includes('name')) s = rng.pick(['zhang', 'admin', ...CHINESE]);
  else s = rng.pick(CHINESE);
  if (c.maxLength !== undefined) s = s.slice(0, c.maxLength);
  return s;
}

/** An input the schema would (mostly) accept: the starting point of mutations. */
export function plausible(schema: Schema, rng: Rng, key = '', depth = 0): unknown {
  const d = defOf(schema);
  if (!d || depth > 10) return null;
  switch (d.type) {
    case 'optional':
      return rng.chance(0.4) ? undefined : plausible(d.innerType as Schema, rng, key, depth + 1);
    case 'default':
    case 'prefault':
      return rng.chance(0.5) ? undefined : plausible(d.innerType as Schema, rng, key, depth + 1);
    case 'nullable':
      return rng.chance(0.2) ? null : plausible(d.innerType as Schema, rng, key, depth + 1);
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return plausible(d.innerType as Schema, rng, key, depth + 1);
    case 'pipe':
      return plausible(d.in as Schema, rng, key, depth + 1);
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(d.shape as Record<string, Schema>)) {
        const value = plausible(v, rng, k, depth + 1);
        if (value !== undefined) out[k] = value;
      }
      return out;
    }
    case 'array': {
      const n = rng.int(0, 3);
      return Array.from({ length: n }, () => plausible(d.element as Schema, rng, key, depth + 1));
    }
    case 'union':
      return plausible(rng.pick(d.options as Schema[]), rng, key, depth + 1);
    case 'enum':
      return rng.pick(Object.values(d.entries as Record<string, unknown>));
    case 'literal':
      return rng.pick(d.values as unknown[]);
    case 'boolean':
      return rng.chance(0.5);
    case 'number': {
      const c = checksOf(d);
      const lo = c.min ?? 0;
      const hi = Math.min(c.max ?? 60, lo + 60);
      return /id$/i.test(key) ? rng.int(1, 60) : rng.int(lo, Math.max(lo, hi));
    }
    case 'string':
      return plausibleString(key, rng, checksOf(d));
    case 'record':
      return {};
    case 'unknown':
    case 'any':
      return rng.pick([1, 'x', ['code', 'name'], { a: 1 }, null]);
    case 'null':
      return null;
    default:
      return null;
  }
}

/** Edge values of any type: what a hostile or broken caller sends where a field is expected. */
export function edgeValue(rng: Rng): unknown {
  const deep = (n: number): unknown => (n === 0 ? 1 : { a: deep(n - 1) });
  return rng.pick<() => unknown>([
    () => null,
    () => undefined,
    () => '',
    () => ' ',
    () => 'x'.repeat(rng.pick([200, 5000, 70_000])),
    () => '张'.repeat(3000),
    () => '\u0000\u0007\u202e<script>',
    () => "'; DROP TABLE customers; --",
    () => '%_\\',
    () => '..',
    () => '../../etc/passwd',
    () => 0,
    () => -1,
    () => 1.5,
    () => Number.MAX_SAFE_INTEGER + 2,
    () => 1e308,
    () => -1e308,
    () => Number.NaN,
    () => 2 ** 31,
    () => true,
    () => false,
    () => [],
    () => [null],
    () => {},
    () => ({ __proto__: { admin: true } }),
    () => ({ constructor: 'x', toString: 1 }),
    () => deep(rng.int(5, 40)),
    () => '2024-02-30',
    () => '9999-12-31T23:59',
    () => '1e3',
    () => 'true',
  ])();
}

/** A random JSON value with no relation to the schema. */
export function randomJson(rng: Rng, depth = 0): unknown {
  const r = rng.int(0, depth > 3 ? 4 : 7);
  if (r === 0) return null;
  if (r === 1) return rng.chance(0.5);
  if (r === 2) return rng.int(-1000, 1_000_000);
  if (r === 3) return rng.next() * 1e6 - 5e5;
  if (r === 4) return rng.pick(['', 'a', '客户', 'C000001', '2024-06-05', String(rng.int(0, 99))]);
  if (r === 5) return Array.from({ length: rng.int(0, 4) }, () => randomJson(rng, depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = rng.int(0, 4); i > 0; i--) o[rng.pick(['id', 'name', 'data', 'x', 'customerId', 'rows', 'q', 'zzkey'])] = randomJson(rng, depth + 1);
  return o;
}

/** A plausible input with one thing wrong: a field of the wrong type, an edge value, an unknown key, a field dropped. */
export function mutate(input: unknown, rng: Rng): unknown {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return rng.chance(0.5) ? edgeValue(rng) : input;
  const o = { ...(input as Record<string, unknown>) };
  const keys = Object.keys(o);
  const op = rng.int(0, 5);
  if (op === 0 || !keys.length) o[rng.pick(['isAdmin', 'role', 'managerId', 'sql', '__proto__x'])] = edgeValue(rng);
  else if (op === 1) delete o[rng.pick(keys)];
  else if (op === 2) o[rng.pick(keys)] = edgeValue(rng);
  else if (op === 3) {
    const k = rng.pick(keys);
    o[k] = mutate(o[k], rng);
  } else if (op === 4) o[rng.pick(keys)] = randomJson(rng);
  else {
    const k = rng.pick(keys);
    o[k] = typeof o[k] === 'number' ? String(o[k]) : typeof o[k] === 'string' ? Number(o[k]) || [o[k]] : rng.int(-5, 5);
  }
  return o;
}
