import { customerAddCommand, customerGetCommand, customerListCommand, customerSearchCommand } from './customer';
import { exportCommand } from './export';
import { importCommand, importUndoCommand } from './import';
import { initCommand } from './init';
import { exportSummaryCommand, kpiCommand, scoreRunCommand, scoreWeightsCommand } from './kpi';
import { passwdCommand } from './passwd';
import { planGenerateCommand, planShowCommand } from './plan';
import { printArchiveCardCommand, printComplaintCommand, printMonthlyReportCommand, printReceiptCommand, printSignInCommand, printWeekPlanCommand } from './print';
import { seedCommand } from './seed';
import { sheetListCommand, sheetReturnCommand, sheetShowCommand } from './sheet';
import { templateCommand } from './template';
import type { CommandDef } from './types';
import { userAddCommand } from './user';
import { visitAddCommand, visitListCommand } from './visit';
import { warningsCommand } from './warnings';
import { reportDraftCommand } from './report';

/** Every command, in the order the help lists them. A new command is one file plus one line here. */
export const COMMANDS: readonly CommandDef[] = [
  initCommand,
  userAddCommand,
  passwdCommand,
  customerAddCommand,
  customerGetCommand,
  customerSearchCommand,
  customerListCommand,
  visitAddCommand,
  visitListCommand,
  planGenerateCommand,
  planShowCommand,
  printSignInCommand,
  printArchiveCardCommand,
  printWeekPlanCommand,
  printComplaintCommand,
  printReceiptCommand,
  printMonthlyReportCommand,
  sheetListCommand,
  sheetShowCommand,
  sheetReturnCommand,
  seedCommand,
  // `import undo` before `import`: commands are matched by their leading words.
  importUndoCommand,
  importCommand,
  // `export summary` before `export`: commands are matched by their leading words.
  exportSummaryCommand,
  exportCommand,
  templateCommand,
  kpiCommand,
  scoreWeightsCommand,
  scoreRunCommand,
  warningsCommand,
  reportDraftCommand,
];
