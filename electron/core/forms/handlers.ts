import { formatSheetNo, type PrintResult } from '../../../shared/domain/sheets';
import { localDate } from '../../../shared/domain/visitRules';
import { printTime } from '../../../shared/forms/page';
import { blankSignInRows, signInRowsFromPlan, signInSheetHtml, type SignInRowView } from '../../../shared/forms/signIn';
import { localTimestamp } from '../clock';
import { requireUser, type HandlerMap } from '../context';
import { badInput } from '../errors';
import { readChunk } from '../jobs/handlers';
import { pdfPageCount } from '../pdf/renderer';
import { readSetting } from '../settings/store';
import { deleteSheet, insertSheet, nextSheetSeq } from '../sheets/repo';
import { formManager, renderPdf } from './common';
import { keepPdf, madePdf } from './files';
import { formHandlers } from './paperForms';
import { openPlanRows } from './repo';

type PrintMethods = 'print.signIn' | 'print.download' | keyof typeof formHandlers;

export const printHandlers: HandlerMap<PrintMethods> = {
  ...formHandlers,

  'print.signIn': async (ctx, input) => {
    const user = requireUser(ctx);
    const manager = formManager(ctx, user, input, '签到簿');
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
