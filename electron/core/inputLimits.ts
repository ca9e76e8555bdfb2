/**
 * Bounds on what a caller may send, checked before anything walks the input
 * recursively (zod, JSON.stringify of a preference): a body nested 5,000 levels
 * deep overflowed the stack there. No method's input is nested more than a few
 * levels (a contact of a customer, a row of a bulk entry), so the limit is generous.
 */
export const MAX_INPUT_DEPTH = 32;

export const TOO_DEEP_MESSAGE = `请求内容嵌套层数过多（超过${MAX_INPUT_DEPTH}层），已拒绝。请检查调用的程序或脚本。`;

/**
 * True when objects or arrays nest deeper than `max`. Iterative and depth-first, so
 * neither a hostile depth nor a cycle (Electron's IPC can carry one) takes more than
 * `max` steps down before it answers.
 */
export function nestedDeeperThan(value: unknown, max = MAX_INPUT_DEPTH): boolean {
  const stack: { v: unknown; depth: number }[] = [{ v: value, depth: 0 }];
  while (stack.length) {
    const { v, depth } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child !== null && typeof child === 'object') stack.push({ v: child, depth: depth + 1 });
    }
  }
  return false;
}

/** The same on JSON text, before it is parsed: brackets inside strings do not count. */
export function jsonTextDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return false;
}
