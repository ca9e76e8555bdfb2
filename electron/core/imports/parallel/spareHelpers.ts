/**
 * What a job thread standing by for an import starts ahead (the import task's `ahead`
 * hook, see tasks.ts and runner.prepare): a spare check helper and a spare search helper,
 * which load their modules (pinyin-pro's dictionary included) while the user checks the
 * columns. A pipelined import (pipeline.ts) takes them instead of starting fresh ones.
 * Light on purpose: the standby thread starts them before it loads the import's modules.
 */
import { startSpares, type Spares } from '../../jobs/spares';
import type { CheckHelperInput } from './checkHelper';
import type { SearchHelperInput } from './searchPool';

export type HelperInput = CheckHelperInput | SearchHelperInput;

export type SpareHelpers = Spares<HelperInput>;

export function spareHelpers(workerEntry: string): SpareHelpers {
  return startSpares<HelperInput>(workerEntry, ['check', 'search']);
}
