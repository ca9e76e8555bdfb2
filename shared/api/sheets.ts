import { sheetListSchema, sheetReturnSchema, sheetShowSchema, type Sheet, type SheetReturnResult, type SheetSummary } from '../domain/sheets';
import { method, type MethodDef } from './define';

/** Printed sign-in sheets and their return (回收登记). */
export const sheetsApi = {
  'sheets.list': method<{ rows: SheetSummary[]; outstandingDays: number }>()(sheetListSchema, 'user'),
  'sheets.show': method<Sheet>()(sheetShowSchema, 'user'),
  /** All rows become visits, or none (a bad row is named by its row number). */
  'sheets.return': method<SheetReturnResult>()(sheetReturnSchema, 'user'),
} satisfies Record<string, MethodDef>;
