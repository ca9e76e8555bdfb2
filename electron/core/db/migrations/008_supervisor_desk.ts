import type { Migration } from './index';

/**
 * The supervisor's desk (issue 17): service-score set-ups, monthly analysis reports with
 * every version kept, and churn warnings.
 *
 * - A score set-up is never edited in place: saving one adds a row, the newest is the one
 *   in force, and a ranking can always say which set-up (indicators, x1/x2, matrix,
 *   weights, CR) it was computed with.
 * - A monthly report is one row per manager and month (its current text and state);
 *   every submission stores a version with the text and the figures as submitted, and the
 *   supervisor's decision (approve / return with comments) is written on that version.
 * - A churn warning is open until handled; one open warning per customer and rule, so
 *   evaluating again never duplicates. Its 必访 task is an ordinary follow-up (linked by
 *   followup_id) so it shows wherever follow-ups do.
 */
export const m008SupervisorDesk: Migration = {
  version: 8,
  name: 'score set-ups, monthly reports with versions, churn warnings',
  up(db) {
    db.exec(`
      CREATE TABLE score_setups (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL,
        indicators  TEXT NOT NULL,  -- JSON [{ key, x1, x2 }]
        matrix      TEXT NOT NULL,  -- JSON n×n judgment matrix
        weights     TEXT NOT NULL,  -- JSON [Q_i]
        lambda_max  REAL NOT NULL,
        ci          REAL NOT NULL,
        cr          REAL NOT NULL CHECK (cr < 0.1),
        created_at  TEXT NOT NULL,
        created_by  INTEGER REFERENCES users(id)
      ) STRICT;

      CREATE TABLE monthly_reports (
        id          INTEGER PRIMARY KEY,
        manager_id  INTEGER NOT NULL REFERENCES users(id),
        month       TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
        status      TEXT NOT NULL DEFAULT '草稿' CHECK (status IN ('草稿','已提交','已退回','已批准')),
        due         TEXT NOT NULL,
        figures     TEXT NOT NULL,  -- JSON: the drafted figures (refreshed while a draft)
        problems    TEXT NOT NULL DEFAULT '',
        measures    TEXT NOT NULL DEFAULT '',
        opinions    TEXT NOT NULL DEFAULT '',
        forecast    TEXT NOT NULL DEFAULT '',
        first_submitted_at TEXT,
        late        INTEGER NOT NULL DEFAULT 0,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        UNIQUE (manager_id, month)
      ) STRICT;
      CREATE INDEX monthly_reports_month ON monthly_reports (month, status);

      CREATE TABLE monthly_report_versions (
        id           INTEGER PRIMARY KEY,
        report_id    INTEGER NOT NULL REFERENCES monthly_reports(id),
        version      INTEGER NOT NULL,
        figures      TEXT NOT NULL,
        problems     TEXT NOT NULL,
        measures     TEXT NOT NULL,
        opinions     TEXT NOT NULL,
        forecast     TEXT NOT NULL,
        submitted_at TEXT NOT NULL,
        submitted_by INTEGER REFERENCES users(id),
        decision     TEXT CHECK (decision IN ('已批准','已退回')),
        comment      TEXT,
        decided_at   TEXT,
        decided_by   INTEGER REFERENCES users(id),
        UNIQUE (report_id, version)
      ) STRICT;

      CREATE TABLE churn_warnings (
        id           INTEGER PRIMARY KEY,
        customer_id  INTEGER NOT NULL REFERENCES customers(id),
        manager_id   INTEGER REFERENCES users(id),
        rule         TEXT NOT NULL CHECK (rule IN ('not_visited','volume_drop','complaint_open','dormant')),
        detail       TEXT NOT NULL,
        -- What fired it (the last visit, the month and metric, the complaint, the status change):
        -- a handled warning does not come back for the same cause.
        trigger_key  TEXT NOT NULL,
        followup_id  INTEGER REFERENCES followups(id),
        created_at   TEXT NOT NULL,
        closed_at    TEXT,
        closed_by    INTEGER REFERENCES users(id),
        note         TEXT
      ) STRICT;
      CREATE UNIQUE INDEX churn_warnings_open ON churn_warnings (customer_id, rule) WHERE closed_at IS NULL;
      CREATE INDEX churn_warnings_manager ON churn_warnings (manager_id, closed_at);
      CREATE UNIQUE INDEX churn_warnings_cause ON churn_warnings (customer_id, rule, trigger_key);
      CREATE INDEX churn_warnings_followup ON churn_warnings (followup_id) WHERE followup_id IS NOT NULL;
    `);
  },
};
