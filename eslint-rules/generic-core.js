// Generic modules of the core (the job runner, the Excel library, the database layer and
// a few single files) must not depend on a feature: features are built on them, and tasks
// register with the runner from above (electron/core/tasks.ts, electron/core/worker.ts).
import path from 'node:path';
import { importVisitors, resolveImport } from './imports.js';

/** Folders and files of electron/core that are generic: they may import each other, and nothing else of the core. */
export const GENERIC_FOLDERS = ['db', 'jobs', 'excel'];
export const GENERIC_FILES = ['errors.ts', 'clock.ts', 'dataDir.ts'];
/** Generic modules may also use the handler interface (jobs/handlers.ts serves the jobs.* methods). */
const ALSO_ALLOWED = ['context.ts'];

const MESSAGE =
  '通用模块（electron/core 下的 db/、jobs/、excel/、errors.ts、clock.ts、dataDir.ts）不能引用功能模块 {{target}}：' +
  '它们只能引用彼此、context.ts（处理函数的接口）、shared/ 和第三方包。' +
  '任务在 electron/core/tasks.ts 登记，工作线程的角色在 electron/core/worker.ts 登记（见 README.md「架构」一节）';

function isGeneric(rel) {
  const [first, ...rest] = rel.split(path.sep);
  return (rest.length > 0 && GENERIC_FOLDERS.includes(first)) || (rest.length === 0 && GENERIC_FILES.includes(first));
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Generic modules of electron/core import no feature module' },
    schema: [{ type: 'object', properties: { coreDir: { type: 'string' } }, additionalProperties: false }],
    messages: { feature: MESSAGE },
  },
  create(context) {
    const coreDir = path.resolve(context.cwd, context.options[0]?.coreDir ?? 'electron/core');
    const file = context.filename;
    const own = path.relative(coreDir, file);
    if (own.startsWith('..') || path.isAbsolute(own) || !isGeneric(own)) return {};
    return importVisitors((specifier, node) => {
      const target = resolveImport(file, specifier);
      if (!target) return;
      const rel = path.relative(coreDir, target);
      if (rel.startsWith('..') || path.isAbsolute(rel)) return;
      if (isGeneric(rel) || ALSO_ALLOWED.includes(rel)) return;
      context.report({ node, messageId: 'feature', data: { target: path.relative(context.cwd, target).split(path.sep).join('/') } });
    });
  },
};
