import { z } from 'zod';
import type { Page } from '../domain/common';
import { IMPORT_KINDS, IMPORT_MODES, type ImportBatch, type ImportInspection, type UploadReceipt } from '../domain/imports';
import { TRANSFER_CHUNK_BYTES, type FileChunk, type JobStatus } from '../domain/jobs';
import { empty, id } from './common';
import { method, type MethodDef } from './define';

export const importKind = z.enum(IMPORT_KINDS, { message: '导入类型须为 customers（客户档案）、visits（走访记录）或 volume（月度业务量）' });

export const uploadId = z.string().regex(/^[0-9a-f]{24}$/, { message: '上传编号无效，请重新选择文件' });

export const sheet = z.string().max(31).optional();

export const headerRow = z.number().int().min(1).max(1000);

export const mapping = z.array(z.string().max(60).nullable()).min(1).max(1000);

export const importsApi = {
  /** Stores file bytes (base64) in the data folder; a file over 8 MB comes in pieces appended with the returned uploadId. */
  'imports.upload': method<UploadReceipt>()(
    z
      .object({
        fileName: z.string().trim().min(1, { message: '缺少文件名' }).max(200),
        data: z
          .string()
          .max(Math.ceil(TRANSFER_CHUNK_BYTES / 3) * 4 + 8, { message: '单次上传不能超过8 MB，请分段上传' })
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: '文件内容须为 base64 编码' }),
        uploadId: uploadId.optional(),
      })
      .strict(),
    'user',
  ),
  /** Reads the head of an uploaded file: sheets, header row (title rows skipped), suggested mapping and the first rows. */
  'imports.inspect': method<ImportInspection>()(
    z
      .object({
        uploadId,
        kind: importKind,
        sheet,
        headerRow: headerRow.optional(),
        /** Customers: another sheet to read as the contacts sheet instead of the detected one; '' = no contacts sheet. */
        contactsSheet: z.string().max(31, { message: '工作表名称不能超过31个字' }).optional(),
        /** 1-based header row of the contacts sheet (default: found like the main sheet's). */
        contactsHeaderRow: headerRow.optional(),
      })
      .strict(),
    'user',
  ),
  /** Starts an import job (dry run or real) with the confirmed mapping; answers the job's first status. */
  'imports.start': method<JobStatus>()(
    z
      .object({
        uploadId,
        kind: importKind,
        sheet,
        headerRow,
        /** Column i of the file → field key, or null to leave the column out. */
        mapping,
        /**
         * Customers from an .xlsx: also import this contacts sheet (one contact per row,
         * tied to a customer of the main sheet or of the archive); mapping keys are
         * CONTACT_SHEET_FIELDS' (code/name/idNumber/creditCode, contact.name …).
         */
        contacts: z
          .object({
            sheet: z.string().trim().min(1, { message: '请选择联系人工作表' }).max(31, { message: '工作表名称不能超过31个字' }),
            headerRow,
            mapping,
          })
          .strict()
          .optional(),
        mode: z.enum(IMPORT_MODES, { message: '导入方式须为 add/update/skip' }).default('add'),
        /** true: import only if every row is valid; false: import the valid rows. */
        allOrNothing: z.boolean().default(false),
        dryRun: z.boolean().default(false),
      })
      .strict(),
    'user',
  ),
  /** Import history, newest first (a 客户经理 sees their own). */
  'imports.batches': method<Page<ImportBatch>>()(
    z
      .object({
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(200).default(50),
        kind: importKind.optional(),
      })
      .strict(),
    'user',
  ),
  /** Undoes a batch (job): inserted records removed, updated ones restored; shown in the archive history. */
  'imports.undo': method<JobStatus>()(z.object({ batchId: id }).strict(), ['admin', 'supervisor']),
  /** The .xlsx template of an import type (one piece). */
  'imports.template': method<FileChunk>()(z.object({ kind: importKind }).strict(), 'user'),
  'imports.volumeMetrics': method<string[]>()(empty, 'user'),
  'imports.setVolumeMetrics': method<string[]>()(
    z
      .object({
        metrics: z
          .array(z.string().trim().min(1, { message: '指标名称不能为空' }).max(20, { message: '指标名称不能超过20个字' }))
          .min(1, { message: '至少保留一个指标' })
          .max(12, { message: '最多12个指标' }),
      })
      .strict(),
    ['admin'],
  ),
} satisfies Record<string, MethodDef>;
