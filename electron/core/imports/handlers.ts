import { IMPORT_KIND_LABELS } from '../../../shared/domain/imports';
import type { FileChunk } from '../../../shared/domain/jobs';
import { requireUser, type HandlerMap } from '../context';
import { isScopedToOwn } from '../customers/scope';
import { conflict, notFound } from '../errors';
import { detectFormat } from '../excel/detect';
import { jobUser } from '../jobs/user';
import { listBatches, loadBatch } from './engine/batches';
import { inspectUpload } from './engine/inspect';
import { readVolumeMetrics, writeVolumeMetrics } from './volume/metrics';
import { checkMapping } from './engine/run';
import { buildTemplate } from './engine/template';
import { findUpload, receiveUpload, uploadInUse, uploadUsed } from './engine/uploads';

type ImportMethods =
  | 'imports.upload'
  | 'imports.inspect'
  | 'imports.start'
  | 'imports.batches'
  | 'imports.undo'
  | 'imports.template'
  | 'imports.volumeMetrics'
  | 'imports.setVolumeMetrics';

export const importHandlers: HandlerMap<ImportMethods> = {
  'imports.upload': (ctx, input) => {
    const user = requireUser(ctx);
    const u = receiveUpload(ctx.temp, user.id, input);
    return { uploadId: u.uploadId, fileName: u.fileName, size: u.size };
  },

  'imports.inspect': async (ctx, input) => {
    const user = requireUser(ctx);
    const upload = findUpload(ctx.temp, user.id, input.uploadId);
    const inspection = await inspectUpload(ctx.db, upload, input.kind, readVolumeMetrics(ctx.db), {
      sheet: input.sheet,
      headerRow: input.headerRow,
      contactsSheet: input.contactsSheet,
      contactsHeaderRow: input.contactsHeaderRow,
    });
    // The import's threads boot while the user checks the columns (after the inspection,
    // which they would otherwise slow down on a two-core PC).
    ctx.jobs.prepare({ task: 'import', ahead: input.kind === 'customers' });
    return inspection;
  },

  'imports.start': (ctx, input) => {
    const user = requireUser(ctx);
    const upload = findUpload(ctx.temp, user.id, input.uploadId);
    // The same checks the job makes first, answered at once instead of as a failed job.
    detectFormat(upload.path, upload.fileName);
    const params = {
      kind: input.kind,
      filePath: upload.path,
      fileName: upload.fileName,
      sheet: input.sheet,
      headerRow: input.headerRow,
      mapping: input.mapping,
      mode: input.mode,
      allOrNothing: input.allOrNothing,
      dryRun: input.dryRun,
      metrics: readVolumeMetrics(ctx.db),
      ...(input.contacts ? { contacts: input.contacts } : {}),
    };
    checkMapping(params);
    const label = `${input.dryRun ? '预检' : '导入'}${IMPORT_KIND_LABELS[input.kind]}：${upload.fileName}`;
    // After a dry run the user usually imports the same file: its threads boot while they read the preview.
    const prepareNext = input.dryRun ? { task: 'import' as const, ahead: input.kind === 'customers' } : undefined;
    // The upload's life (uploads.ts): read while the job runs, removed when an import ends, kept after a dry run.
    const release = uploadInUse(upload);
    try {
      return ctx.jobs.start({ type: 'import', params }, jobUser(ctx.db, user), label, {
        prepareNext,
        onEnd: () => {
          release();
          uploadUsed(ctx.temp, upload, input.dryRun);
        },
      });
    } catch (e) {
      release();
      throw e;
    }
  },

  'imports.batches': (ctx, input) => {
    const user = requireUser(ctx);
    return listBatches(ctx.db, { ...input, userId: isScopedToOwn(user) ? user.id : undefined });
  },

  'imports.undo': (ctx, input) => {
    const user = requireUser(ctx);
    const batch = loadBatch(ctx.db, input.batchId);
    if (!batch) throw notFound(`导入批次 #${input.batchId} 不存在`);
    if (batch.undoneAt) throw conflict(`导入批次 #${input.batchId} 已于 ${batch.undoneAt} 撤销`);
    return ctx.jobs.start({ type: 'importUndo', params: { batchId: input.batchId } }, jobUser(ctx.db, user), `撤销导入批次 #${input.batchId}：${batch.fileName}`);
  },

  'imports.template': async (ctx, input): Promise<FileChunk> => {
    requireUser(ctx);
    const bytes = await buildTemplate(ctx.db, input.kind, readVolumeMetrics(ctx.db));
    return { fileName: `${IMPORT_KIND_LABELS[input.kind]}导入模板.xlsx`, size: bytes.length, offset: 0, data: bytes.toString('base64'), nextOffset: null };
  },

  'imports.volumeMetrics': (ctx) => readVolumeMetrics(ctx.db),

  'imports.setVolumeMetrics': (ctx, input) => {
    const before = readVolumeMetrics(ctx.db);
    return ctx.db.transaction(() => {
      const after = writeVolumeMetrics(ctx.db, input.metrics);
      ctx.audit({ action: 'settings_update', target: '月度业务量指标', detail: { before, after } });
      return after;
    })();
  },
};
