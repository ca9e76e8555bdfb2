import { systemPdfRenderer } from '../../../electron/core/pdf/chromium';
import { pdfPageCount } from '../../../electron/core/pdf/renderer';
import { signInRowsFromPlan, signInSheetHtml, type SignInSource } from '../../../shared/forms/signIn';
import { addDays, localDate, weekMonday } from '../../../shared/domain/visitRules';
import type { BenchSuite } from '../context';
import { result, type BenchResult } from '../stats';

/**
 * Printing (issue 16): a 500-customer sign-in book from the seeded customers, HTML
 * built by the template and turned into an A4 PDF by the system Chromium, as the
 * web host and the CLI do. Target: under 10 s, first launch of the browser included.
 */
const ROWS = 500;
const TARGET_S = 10;

export const printSuite: BenchSuite = {
  id: 'print',
  name: 'print',
  async run(ctx) {
    const renderer = systemPdfRenderer();
    if (!renderer) {
      ctx.log('  print: no Chromium/Edge found (BRANCHDESK_CHROMIUM), skipped');
      return [];
    }
    const monday = weekMonday(addDays(localDate(new Date()), 7));
    const customers = ctx.core.db
      .prepare('SELECT id, code, name, address, mobile, phone FROM customers WHERE deleted_at IS NULL ORDER BY id LIMIT ?')
      .all(ROWS) as { id: number; code: string; name: string; address: string | null; mobile: string | null; phone: string | null }[];
    const sources: SignInSource[] = customers.map((c, i) => ({
      planEntryId: i + 1,
      date: addDays(monday, i % 5),
      customerId: c.id,
      customerCode: c.code,
      customerName: c.name,
      address: c.address,
      mobile: c.mobile,
      phone: c.phone,
    }));
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 50);
    const out: BenchResult[] = [];
    try {
      const t0 = performance.now();
      const html = signInSheetHtml({
        branchName: '基准测试网点',
        printedAt: '2026-12-04 10:30',
        sheetNo: 'QD-20261204-0001',
        manager: 'bench',
        managerDisplayName: '基准',
        week: monday,
        rows: signInRowsFromPlan(sources),
      });
      const pdf = await renderer.render(html);
      const seconds = (performance.now() - t0) / 1000;
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      out.push(
        result(`sign-in book, ${sources.length} customers → PDF`, seconds, 's', TARGET_S, `${pdfPageCount(pdf)} pages, ${(pdf.length / 1024).toFixed(0)} KB, Node peak RSS ${(peakRss / 1048576).toFixed(0)} MB (Chromium runs in its own processes)`),
      );
    } finally {
      clearInterval(sampler);
      await renderer.close?.();
    }
    return out;
  },
};
