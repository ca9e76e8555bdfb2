import { closeSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { IMPORT_KINDS, IMPORT_MODES, MAX_UPLOAD_BYTES, type ImportKind, type ImportReport, type UndoReport } from '../../../shared/domain/imports';
import { TRANSFER_CHUNK_BYTES, type FileChunk, type JobStatus } from '../../../shared/domain/jobs';
import { apiError, inputError, usageError } from '../errors';
import { progress } from '../output';
import type { CliSession } from '../session';
import type { CommandDef } from './types';

const POLL_MS = 250;

/**
 * Polls a job through the API (as the web host's screens do) until it ends; progress
 * goes to stderr when it is a terminal. A failed or cancelled job becomes the CLI's error.
 */
export async function waitForJob(session: CliSession, first: JobStatus, showProgress: boolean): Promise<JobStatus> {
  let status = first;
  let last = '';
  while (status.state === 'running') {
    await new Promise((r) => setTimeout(r, POLL_MS));
    status = await session.call('jobs.status', { jobId: status.jobId });
    const line = status.progress.message;
    if (showProgress && line && line !== last) {
      progress(line);
      last = line;
    }
  }
  if (status.state !== 'done') throw apiError(status.error ?? { code: 'INTERNAL', message: '后台任务失败' });
  return status;
}

/** Fetches a job's file in pieces and writes it to `dest` (temp file + rename: never half a file). */
export async function downloadJobFile(session: CliSession, jobId: string, file: 'output' | 'errors', dest: string): Promise<number> {
  const tmp = `${dest}.part`;
  closeSync(openSync(tmp, 'w'));
  let offset: number | null = 0;
  let size = 0;
  try {
    while (offset !== null) {
      const chunk: FileChunk = await session.call('jobs.download', { jobId, file, offset });
      writeFileSync(tmp, Buffer.from(chunk.data, 'base64'), { flag: 'a' });
      size = chunk.size;
      offset = chunk.nextOffset;
    }
    renameSync(tmp, dest);
    return size;
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

function readFile(file: string): Buffer {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw inputError(`文件不存在或无法读取：${file}`, 'file');
  }
  if (size > MAX_UPLOAD_BYTES) throw inputError(`文件超过 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB，请拆分后分批导入`, 'file');
  return readFileSync(file);
}

export const importCommand: CommandDef = {
  words: ['import'],
  params: ['<customers|visits|volume>', '<文件>'],
  summary: '从 .xlsx/.csv 导入客户档案、走访记录或月度业务量（与界面的导入完全相同：校验、预检、批次、可撤销）',
  login: true,
  options: [
    { name: 'mode', arg: '<add|update|skip>', description: 'add 仅新增（已存在的报错，默认）；update 更新已有记录（未匹配到的新增）；skip 跳过已存在的' },
    { name: 'all-or-nothing', flag: true, description: '有任何一行错误就不导入任何数据（默认只导入正确的行）' },
    { name: 'dry-run', flag: true, description: '只预检，报告将新增/更新/跳过/错误的行，不写入' },
    { name: 'errors', arg: '<错误行.xlsx>', description: '把未导入的行（原列 + 错误原因）写到这个文件' },
    { name: 'sheet', arg: '<工作表名>', description: '要导入的工作表（默认第一个可见的）' },
    { name: 'header-row', arg: '<行号>', description: '表头所在行（默认自动识别，跳过标题行）' },
    { name: 'contacts-sheet', arg: '<工作表名>', description: '客户档案：同一工作簿中的联系人工作表（默认自动识别名为“联系人…”或表头像联系人名单的工作表）' },
    { name: 'no-contacts-sheet', flag: true, description: '客户档案：不导入联系人工作表（只导入客户表及其“联系人1…3”列）' },
  ],
  notes: [
    '列按表头自动对应（客户名称/单位名称/户名 …），同样表头的文件沿用上次在界面中确认的对应关系。',
    '客户档案的 .xlsx 可另带联系人工作表（一行一个联系人，按客户编码/身份证号/统一社会信用代码/唯一的客户名称对应客户），自动识别，撤销时一并删除。',
    '--json 输出 {"inserted","updated","skipped","invalid","errors":[{"row","column","message","sheet"?}],"batchId","contacts":{"sheet","total","inserted","updated","skipped","invalid"}|null,…}；撤销：import undo <批次号>。',
  ],
  async run({ session, opts, args, json }) {
    const kind = args[0] as ImportKind;
    if (!(IMPORT_KINDS as readonly string[]).includes(kind)) throw usageError(`导入类型须为 ${IMPORT_KINDS.join(' / ')}（当前为「${args[0]}」）`);
    const mode = opts.oneOf('mode', IMPORT_MODES, '--mode') ?? 'add';
    const headerRow = opts.int('header-row', 1, 1000);
    const file = args[1];
    const bytes = readFile(file);
    const fileName = path.basename(file);
    let uploadId: string | undefined;
    for (let offset = 0; offset < Math.max(1, bytes.length); offset += TRANSFER_CHUNK_BYTES) {
      const data = bytes.subarray(offset, offset + TRANSFER_CHUNK_BYTES).toString('base64');
      uploadId = (await session.call('imports.upload', { fileName, data, ...(uploadId ? { uploadId } : {}) })).uploadId;
    }
    const sheet = opts.str('sheet');
    const contactsSheet = opts.str('contacts-sheet');
    const noContacts = opts.flag('no-contacts-sheet');
    if (contactsSheet && noContacts) throw usageError('--contacts-sheet 与 --no-contacts-sheet 不能同时使用');
    if ((contactsSheet || noContacts) && kind !== 'customers') throw usageError('--contacts-sheet / --no-contacts-sheet 只适用于 import customers');
    const insp = await session.call('imports.inspect', {
      uploadId: uploadId!,
      kind,
      ...(sheet ? { sheet } : {}),
      ...(headerRow ? { headerRow } : {}),
      ...(noContacts ? { contactsSheet: '' } : contactsSheet ? { contactsSheet } : {}),
    });
    const ci = insp.contacts;
    if (ci?.missingRequired.length) {
      const hint = contactsSheet ? '' : '；如不需要导入联系人，请加 --no-contacts-sheet';
      throw inputError(`联系人工作表「${ci.sheet}」还没有对应的必填列：${ci.missingRequired.join('、')}${hint}`, 'contacts-sheet');
    }
    const started = await session.call('imports.start', {
      uploadId: uploadId!,
      kind,
      ...(sheet ? { sheet } : {}),
      headerRow: insp.headerRow,
      mapping: insp.columns.map((c) => c.field),
      mode,
      allOrNothing: opts.flag('all-or-nothing'),
      dryRun: opts.flag('dry-run'),
      ...(ci ? { contacts: { sheet: ci.sheet, headerRow: ci.headerRow, mapping: ci.columns.map((x) => x.field) } } : {}),
    });
    const done = await waitForJob(session, started, !json && process.stderr.isTTY);
    const r = done.result as ImportReport;
    const errorsOut = opts.str('errors');
    let errorFile: string | null = null;
    if (errorsOut && r.errorFile) {
      await downloadJobFile(session, done.jobId, 'errors', errorsOut);
      errorFile = path.resolve(errorsOut);
    }
    const out = {
      inserted: r.inserted,
      updated: r.updated,
      skipped: r.skipped,
      invalid: r.invalid,
      errors: r.errors,
      batchId: r.batchId,
      total: r.total,
      dryRun: r.dryRun,
      committed: r.committed,
      errorCount: r.errorCount,
      warnings: r.warnings,
      errorFile,
      contacts: r.contacts,
    };
    const mapped = insp.columns.filter((c) => c.field).map((c) => `${c.header}→${insp.fields.find((f) => f.key === c.field)?.label ?? c.field}`);
    const contactMapped = ci ? ci.columns.filter((x) => x.field).map((x) => `${x.header}→${ci.fields.find((f) => f.key === x.field)?.label ?? x.field}`) : [];
    const where = (i: { sheet?: string; row: number }) => `${i.sheet ? `[${i.sheet}] ` : ''}第${i.row}行`;
    const lines = [
      r.summary + (r.batchId ? `（批次 #${r.batchId}，可用 import undo ${r.batchId} 撤销）` : ''),
      `表头在第 ${insp.headerRow} 行；列对应：${mapped.join('，')}`,
      ...(ci ? [`联系人工作表「${ci.sheet}」表头在第 ${ci.headerRow} 行；列对应：${contactMapped.join('，')}`] : []),
      ...r.errors.slice(0, 50).map((e) => `  ${where(e)} ${e.column}：${e.message}`),
      ...(r.errorCount > 50 ? [`  …共 ${r.errorCount} 处错误${errorFile ? '' : '（用 --errors 错误行.xlsx 导出全部错误行）'}`] : []),
      ...r.warnings.slice(0, 20).map((w) => `  提示：${where(w)} ${w.column}：${w.message}`),
      ...(errorFile ? [`错误行已写入：${errorFile}`] : []),
    ];
    return { json: out, text: lines.join('\n') };
  },
};

export const importUndoCommand: CommandDef = {
  words: ['import', 'undo'],
  params: ['<批次号>'],
  summary: '撤销一次导入：新增的记录删除（已被引用的移入回收站），更新的记录恢复原值（负责人/管理员）',
  login: true,
  options: [],
  async run({ session, args, json }) {
    if (!/^\d+$/.test(args[0]) || Number(args[0]) < 1) throw usageError(`批次号须为正整数（当前为「${args[0]}」）`);
    const started = await session.call('imports.undo', { batchId: Number(args[0]) });
    const done = await waitForJob(session, started, !json && process.stderr.isTTY);
    const r = done.result as UndoReport;
    const lines = [r.summary, ...r.conflicts.slice(0, 50).map((c) => `  ${c.message}`)];
    return { json: r, text: lines.join('\n') };
  },
};
