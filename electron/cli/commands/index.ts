import { customerAddCommand, customerGetCommand, customerListCommand, customerSearchCommand } from './customer';
import { exportCommand } from './export';
import { importCommand, importUndoCommand } from './import';
import { initCommand } from './init';
import { seedCommand } from './seed';
import { templateCommand } from './template';
import type { CommandDef } from './types';
import { userAddCommand } from './user';

/** Every command, in the order the help lists them. A new command is one file plus one line here. */
export const COMMANDS: readonly CommandDef[] = [
  initCommand,
  userAddCommand,
  customerAddCommand,
  customerGetCommand,
  customerSearchCommand,
  customerListCommand,
  seedCommand,
  // `import undo` before `import`: commands are matched by their leading words.
  importUndoCommand,
  importCommand,
  exportCommand,
  templateCommand,
];
