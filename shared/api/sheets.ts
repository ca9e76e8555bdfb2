import {
  sheetAttachScanSchema,
  sheetListSchema,
  sheetOutstandingDaysSchema,
  sheetReturnSchema,
  sheetShowSchema,
  type Sheet,
  type SheetReturnResult,
  type SheetScanResult,
  type SheetSummary,
} from '../domain/sheets';
import { method, type MethodDef } from './define';

/** Printed sign-in sheets and their return (回收登记). */
export const sheetsApi = {
  'sheets.list': method<{ rows: SheetSummary[]; outstandingDays: number }>()(sheetListSchema, 'user'),
  'sheets.show': method<Sheet>()(sheetShowSchema, 'user'),
  /** All rows become visits, or none (a bad row is named by its row number). */
  'sheets.return': method<SheetReturnResult>()(sheetReturnSchema, 'user'),
  /** Attaches a scan of the returned paper to the visits its rows became. */
  'sheets.attachScan': method<SheetScanResult>()(sheetAttachScanSchema, 'user'),
  /**
   * Days after printing an unreturned sheet is listed as outstanding (the admin's setting
   * `outstandingSheetDays`, also on 系统设置); kept here, beside the list it drives, so the settings screen
   * does not have to change for it.
   */
  'sheets.setOutstandingDays': method<{ outstandingDays: number }>()(sheetOutstandingDaysSchema, ['admin']),
} satisfies Record<string, MethodDef>;
