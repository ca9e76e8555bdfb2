import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { IMPORT_KINDS, type ImportKind } from '../../../shared/domain/imports';
import { usageError } from '../errors';
import type { CommandDef } from './types';

export const templateCommand: CommandDef = {
  words: ['template'],
  params: ['<customers|visits|volume>', '<输出.xlsx>'],
  summary: '生成导入模板（表头、示例行、说明页、分级/状态/类型/客户经理下拉选项）',
  login: true,
  options: [],
  async run({ session, args }) {
    const kind = args[0] as ImportKind;
    if (!(IMPORT_KINDS as readonly string[]).includes(kind)) throw usageError(`模板类型须为 ${IMPORT_KINDS.join(' / ')}（当前为「${args[0]}」）`);
    if (path.extname(args[1]).toLowerCase() !== '.xlsx') throw usageError(`输出文件须以 .xlsx 结尾（当前为「${args[1]}」）`);
    const chunk = await session.call('imports.template', { kind });
    writeFileSync(args[1], Buffer.from(chunk.data, 'base64'));
    const file = path.resolve(args[1]);
    return { json: { file, bytes: chunk.size }, text: `模板已写入 ${file}` };
  },
};
