import { customerAddCommand, customerGetCommand, customerListCommand, customerSearchCommand } from './customer';
import { initCommand } from './init';
import { seedCommand } from './seed';
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
];
