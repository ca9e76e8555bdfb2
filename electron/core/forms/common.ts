import type { SessionUser } from '../../../shared/api/auth';
import type { PrintResult } from '../../../shared/domain/sheets';
import { requireUser, type Ctx } from '../context';
import { managerProblem } from '../customers/rules';
import { isScopedToOwn } from '../customers/scope';
import { AppError, badInput, forbidden, notFound } from '../errors';
import { NO_PDF_RENDERER_MESSAGE, pdfPageCount } from '../pdf/renderer';
import { findUserById, findUserByName } from '../users/repo';
import { keepPdf } from './files';

/** What every print method shares: whose form it is, and turning the document into the answer. */

/** The manager a form is for: a 客户经理 prints only their own; others name one. */
export function formManager(ctx: Ctx, user: SessionUser, input: { managerId?: number; manager?: string }, what: string) {
  const named = input.managerId ?? (input.manager ? findUserByName(ctx.db, input.manager)?.id : undefined);
  let u = named !== undefined ? findUserById(ctx.db, named) : null;
  if ((input.managerId !== undefined || input.manager) && !u) throw notFound(`找不到客户经理「${input.manager ?? input.managerId}」`);
  if (isScopedToOwn(user)) {
    if (u && u.id !== user.id) throw forbidden(`客户经理只能打印自己的${what}`);
    u = findUserById(ctx.db, user.id);
  }
  if (!u) throw badInput(`客户经理：请选择${what}是哪位客户经理的（命令行用 --manager）`, 'manager');
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

/**
 * The answer of a form that is not a sign-in book: the document itself for the preview,
 * or its PDF kept for download (audited: customer data left the system on paper).
 */
export async function deliverForm(
  ctx: Ctx,
  output: 'html' | 'pdf',
  html: string,
  fileName: string,
  audit: { target: string; detail: Record<string, unknown> },
): Promise<PrintResult> {
  if (output === 'html') return { html, fileId: null, fileName, pages: null, sheets: [] };
  const pdf = await renderPdf(ctx, html);
  const pages = pdfPageCount(pdf);
  ctx.audit({ action: 'form_print', target: audit.target, detail: { ...audit.detail, pages } });
  return { html: null, fileId: keepPdf(ctx.dataDir, requireUser(ctx).id, fileName, pdf), fileName, pages, sheets: [] };
}
