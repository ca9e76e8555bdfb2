import { scoreRunSchema, scoreSetupSaveSchema, scoreWeightsSchema, type ScoreRun, type ScoreSetup, type ScoreWeights } from '../domain/scoring';
import { z } from 'zod';
import { method, type MethodDef } from './define';

export const scoreApi = {
  /** Weights, λmax, CI, CR of a judgment matrix (nothing stored). */
  'score.weights': method<ScoreWeights>()(scoreWeightsSchema, 'user'),
  /** The set-up in force (the newest saved, else the branch type's preset). */
  'score.setup': method<ScoreSetup>()(z.object({}).strict(), 'user'),
  /** Every saved set-up, newest first. */
  'score.setups': method<ScoreSetup[]>()(z.object({}).strict(), ['admin', 'supervisor']),
  /** Saves a new set-up; refused when CR ≥ 0.1, naming the judgments that disagree most. */
  'score.save': method<ScoreSetup>()(scoreSetupSaveSchema, ['admin', 'supervisor']),
  /** The ranking of a period with the per-indicator breakdown; a 客户经理 gets only their own row. */
  'score.run': method<ScoreRun>()(scoreRunSchema, 'user'),
} satisfies Record<string, MethodDef>;
