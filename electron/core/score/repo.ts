import type { ScoreIndicator, ScoreSetup } from '../../../shared/domain/scoring';
import type { Db } from '../db/connection';
import { prepared } from '../db/statements';

interface SetupRecord {
  id: number;
  name: string;
  indicators: string;
  matrix: string;
  weights: string;
  lambda_max: number;
  ci: number;
  cr: number;
  created_at: string;
  created_by_name: string | null;
}

const toSetup = (r: SetupRecord): ScoreSetup => ({
  id: r.id,
  name: r.name,
  indicators: JSON.parse(r.indicators) as ScoreIndicator[],
  matrix: JSON.parse(r.matrix) as number[][],
  weights: JSON.parse(r.weights) as number[],
  lambdaMax: r.lambda_max,
  ci: r.ci,
  cr: r.cr,
  createdAt: r.created_at,
  createdBy: r.created_by_name,
});

const SELECT = `SELECT s.id, s.name, s.indicators, s.matrix, s.weights, s.lambda_max, s.ci, s.cr, s.created_at, u.display_name AS created_by_name
  FROM score_setups s LEFT JOIN users u ON u.id = s.created_by`;

/** The set-up in force: the newest saved. */
export function latestSetup(db: Db): ScoreSetup | null {
  const r = prepared(db, `${SELECT} ORDER BY s.id DESC LIMIT 1`).get() as SetupRecord | undefined;
  return r ? toSetup(r) : null;
}

export function setupById(db: Db, id: number): ScoreSetup | null {
  const r = prepared(db, `${SELECT} WHERE s.id = ?`).get(id) as SetupRecord | undefined;
  return r ? toSetup(r) : null;
}

/** Every saved set-up, newest first (a set-up is never edited: saving adds one). */
export function listSetups(db: Db): ScoreSetup[] {
  return (prepared(db, `${SELECT} ORDER BY s.id DESC`).all() as SetupRecord[]).map(toSetup);
}

export function insertSetup(
  db: Db,
  s: { name: string; indicators: ScoreIndicator[]; matrix: number[][]; weights: number[]; lambdaMax: number; ci: number; cr: number },
  meta: { at: string; userId: number },
): number {
  return Number(
    prepared(
      db,
      `INSERT INTO score_setups (name, indicators, matrix, weights, lambda_max, ci, cr, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(s.name, JSON.stringify(s.indicators), JSON.stringify(s.matrix), JSON.stringify(s.weights), s.lambdaMax, s.ci, s.cr, meta.at, meta.userId)
      .lastInsertRowid,
  );
}
