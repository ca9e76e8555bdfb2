import type { SessionUser } from '../../../shared/api/auth';
import { formatSheetNo, type PrintResult } from '../../../shared/domain/sheets';
import { localDate } from '../../../shared/domain/visitRules';
import { printTime } from '../../../shared/forms/page';
import { blankSignInRows, signInRowsFromPlan, signInSheetHtml, type SignInRowView } from '../../../shared/forms/signIn';
import { localTimestamp } from '../clock';
import { requireUser, type Ctx, type HandlerMap } from '../context';
import { managerProblem } from '../customers/rules';
import { isScopedToOwn } from '../customers/scope';
import { AppError, badInput, forbidden, notFound } from '../errors';
import { readChunk } from '../jobs/handlers';
import { NO_PDF_RENDERER_MESSAGE, pdfPageCount } from '../pdf/renderer';
import { readSetting } from '../settings/store';
import { deleteSheet, insertSheet, nextSheetSeq } from '../sheets/repo';
import { findUserById, findUserByName } from '../users/repo';
import { keepPdf, madePdf } from './files';
import { openPlanRows } from './repo';

type PrintMethods = 'print.signIn' | 'print.download';

/** The manager a sheet is for: a 客户经理 prints only their own; others name one. */
function sheetManager(ctx: Ctx, user: SessionUser, input: { managerId?: number; manager?: string }) {
  const named = input.managerId ?? (input.manager ? findUserByName(ctx.db, input.manager)?.id : undefined);
  let u = named !== undefined ? findUserById(ctx.db, named) : null;
  if ((input.managerId !== undefined || input.manager) && !u) throw notFound(`找不到客户经理「${input.manager ?? input.managerId}」`);
  if (isScopedToOwn(user)) {
    if (u && u.id !== user.id) throw forbidden('客户经理只能打印自己的签到簿');
    u = findUserById(ctx.db, user.id);
  }
  if (!u) throw badInput('客户经理：请指定签到簿是哪位客户经理的（--manager）', 'manager');
  const problem = managerProblem(u, u.name);
  if (problem) throw badInput(`客户经理：${problem}`, 'manager');
  return u;
}

/** The host's PDF of a document, or the clear message that this machine cannot make one. */
export async function renderPdf(ctx: Ctx, html: string): Promise<Buffer> {
  if (!ctx.pdf) throw new AppError('CONFLICT', NO_PDF_RENDERER_MESSAGE);
  try {
    return await ctx.pdf.render(html);
  } catch (e) {
    console.error('[print] PDF rendering failed', e);
    throw new AppError('CONFLICT', `生成 PDF 失败：${NO_PDF_RENDERER_MESSAGE}`);
  }
}

export const printHandlers: HandlerMap<PrintMethods> = {
  'print.signIn': async (ctx, input) => {
    const user = requireUser(ctx);
    const manager = sheetManager(ctx, user, input);
    if (input.blankPages === undefined && !input.week) throw badInput('请选择计划周（--week），或打印空白页（--blank-pages）', 'week');
    if (input.blankPages !== undefined && input.week) throw badInput('计划周和空白页只能选一种', 'blankPages');
    let rows: SignInRowView[];
    if (input.week) {
      rows = signInRowsFromPlan(openPlanRows(ctx.db, input.week, manager.id));
      if (!rows.length) throw badInput(`${manager.display_name} 在 ${input.week} 这一周没有待走访的计划，可以先生成计划，或打印空白签到页`, 'week');
    } else rows = blankSignInRows(input.blankPages!);

    const now = ctx.now();
    const base = {
      branchName: readSetting(ctx.db, 'branchName') ?? '',
      printedAt: printTime(now),
      manager: manager.name,
      managerDisplayName: manager.display_name,
      week: input.week ?? null,
      rows,
    };
    if (input.output === 'html') {
      return { html: signInSheetHtml({ ...base, sheetNo: null }), fileId: null, fileName: '', pages: null, sheets: [] };
    }

    // The number is taken before rendering, so the PDF carries it; a failed render gives it back.
    const day = localDate(now);
    const at = localTimestamp(now);
    const sheet = ctx.db.transaction(() => {
      const seq = nextSheetSeq(ctx.db, day);
      if (seq > 9999) throw badInput('今天打印的签到簿已达 9999 份，请明天再打印');
      const sheetNo = formatSheetNo(day, seq);
      const id = insertSheet(ctx.db, {
        sheetNo,
        day,
        seq,
        printedAt: at,
        printedBy: user.id,
        managerId: manager.id,
        week: input.week ?? null,
        blank: !input.week,
        rows: rows.map((r) => ({ row: r.row, planEntryId: r.planEntryId, date: r.planDate, customerId: r.customerId })),
      });
      return { id, sheetNo };
    })();
    let pdf: Buffer;
    try {
      pdf = await renderPdf(ctx, signInSheetHtml({ ...base, sheetNo: sheet.sheetNo }));
    } catch (e) {
      deleteSheet(ctx.db, sheet.id);
      throw e;
    }
    const pages = pdfPageCount(pdf);
    ctx.audit({
      action: 'sheet_print',
      target: `${sheet.sheetNo}（${manager.display_name}，${input.week ? `${input.week} 周` : `空白 ${input.blankPages} 页`}）`,
      detail: { sheetNo: sheet.sheetNo, managerId: manager.id, week: input.week ?? null, rows: rows.length, pages },
    });
    const fileName = `走访签到记录簿-${sheet.sheetNo}.pdf`;
    const result: PrintResult = { html: null, fileId: keepPdf(ctx.dataDir, user.id, fileName, pdf), fileName, pages, sheets: [{ sheetNo: sheet.sheetNo, rows: rows.length }] };
    return result;
  },

  'print.download': (ctx, input) => {
    const f = madePdf(input.fileId, requireUser(ctx).id);
    return readChunk(f.path, f.fileName, input.offset);
  },
};
