/** The Excel library's own value types: readers produce them, importers consume them. */

/** A cell as the importer sees it: Excel's own types survive (dates as Date, numbers as number). */
export type CellValue = string | number | boolean | Date | null;

export interface SheetRow {
  /** 1-based row number as Excel shows it. */
  row: number;
  /** cells[0] is column A. */
  cells: CellValue[];
}
