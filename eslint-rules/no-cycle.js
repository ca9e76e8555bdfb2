// No import cycle among the linted folders (electron/core and shared): a cycle is
// reported at each import that closes it, with the cycle's path. The graph counts every
// relative import, `import type` and dynamic `import('…')` included (a type cycle still
// ties two modules together, and a dynamic one is a real dependency at run time).
import path from 'node:path';
import { importsOf, importVisitors, resolveImport } from './imports.js';

const MESSAGE = '依赖成环：{{cycle}}。请把双方共用的部分移到更底层的模块，让依赖只朝一个方向（见 README.md「架构」一节）';

export default {
  meta: {
    type: 'problem',
    docs: { description: 'No import cycle (import type and dynamic import included)' },
    schema: [
      {
        type: 'object',
        properties: {
          /** Folders the graph covers; imports leading elsewhere are not followed. */
          roots: { type: 'array', items: { type: 'string' } },
          /** Folders whose imports among their own files are left out (the migrations import their index's types). */
          exempt: { type: 'array', items: { type: 'string' } },
        },
        additionalProperties: false,
      },
    ],
    messages: { cycle: MESSAGE },
  },
  create(context) {
    const options = context.options[0] ?? {};
    const inside = (dir, f) => {
      const rel = path.relative(dir, f);
      return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
    };
    const roots = (options.roots ?? ['electron/core', 'shared']).map((r) => path.resolve(context.cwd, r));
    const exempt = (options.exempt ?? []).map((r) => path.resolve(context.cwd, r));
    const inScope = (f) => roots.some((r) => inside(r, f));
    const followed = (from, to) => inScope(to) && !exempt.some((d) => inside(d, from) && inside(d, to));
    const show = (f) => path.relative(context.cwd, f).split(path.sep).join('/');

    const file = context.filename;
    if (!inScope(file)) return {};

    /** Files known not to lead back to this one (each search that fails explored all they import). */
    const deadEnds = new Set();

    /** The shortest import path from `start` back to `file`, or null. */
    function pathBack(start) {
      if (deadEnds.has(start)) return null;
      const parent = new Map([[start, null]]);
      const queue = [start];
      while (queue.length) {
        const at = queue.shift();
        for (const next of importsOf(at)) {
          if (!followed(at, next)) continue;
          if (next === file) {
            const chain = [];
            for (let f = at; f !== null; f = parent.get(f)) chain.unshift(f);
            return chain;
          }
          if (parent.has(next) || deadEnds.has(next)) continue;
          parent.set(next, at);
          queue.push(next);
        }
      }
      for (const f of parent.keys()) deadEnds.add(f);
      return null;
    }

    const reported = new Set();
    return importVisitors((specifier, node) => {
      const target = resolveImport(file, specifier);
      if (!target || target === file || !followed(file, target) || reported.has(target)) return;
      const chain = pathBack(target);
      if (!chain) return;
      reported.add(target);
      context.report({ node, messageId: 'cycle', data: { cycle: [file, ...chain, file].map(show).join(' → ') } });
    });
  },
};
