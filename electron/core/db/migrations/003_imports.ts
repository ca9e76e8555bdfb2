import type { Migration } from './index';

export const m003Imports: Migration = {
  version: 3,
  name: 'import batches with before-images, remembered column mappings, monthly business volume',
  up(db) {
    db.exec(`
      -- One row per committed import: who, when, which file, what happened.
      CREATE TABLE import_batches (
        id          INTEGER PRIMARY KEY,
        kind        TEXT NOT NULL CHECK (kind IN ('customers','visits','volume')),
        mode        TEXT NOT NULL CHECK (mode IN ('add','update','skip')),
        file_name   TEXT NOT NULL,
        user_id     INTEGER REFERENCES users(id),
        at          TEXT NOT NULL,
        total       INTEGER NOT NULL DEFAULT 0,
        inserted    INTEGER NOT NULL DEFAULT 0,
        updated     INTEGER NOT NULL DEFAULT 0,
        skipped     INTEGER NOT NULL DEFAULT 0,
        invalid     INTEGER NOT NULL DEFAULT 0,
        undone_at   TEXT,
        undone_by   INTEGER REFERENCES users(id)
      ) STRICT;
      CREATE INDEX import_batches_at ON import_batches (at);

      -- What a batch did to each record, so it can be undone: inserted ids, and for
      -- updates the record before and after (JSON) to restore only what is still ours.
      CREATE TABLE import_batch_rows (
        id         INTEGER PRIMARY KEY,
        batch_id   INTEGER NOT NULL REFERENCES import_batches(id),
        row_no     INTEGER NOT NULL,
        target     TEXT NOT NULL CHECK (target IN ('customer','visit','volume')),
        target_id  INTEGER NOT NULL,
        target_key TEXT,
        action     TEXT NOT NULL CHECK (action IN ('insert','update')),
        before     TEXT,
        after      TEXT
      ) STRICT;
      CREATE INDEX import_batch_rows_batch ON import_batch_rows (batch_id, id);
      CREATE INDEX import_batch_rows_target ON import_batch_rows (target, target_id);

      -- The column mapping a user confirmed for a header layout (hash of the normalised
      -- header row), offered again for the next file of the same layout.
      CREATE TABLE import_layouts (
        kind       TEXT NOT NULL,
        hash       TEXT NOT NULL,
        headers    TEXT NOT NULL,
        mapping    TEXT NOT NULL,
        user_id    INTEGER REFERENCES users(id),
        used_at    TEXT NOT NULL,
        PRIMARY KEY (kind, hash)
      ) STRICT;

      -- Monthly business volume per customer (销量/存款/AUM/消费 …), imported each month.
      CREATE TABLE customer_volumes (
        customer_id INTEGER NOT NULL REFERENCES customers(id),
        month       TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
        metric      TEXT NOT NULL,
        value       REAL NOT NULL,
        batch_id    INTEGER REFERENCES import_batches(id),
        updated_at  TEXT NOT NULL,
        PRIMARY KEY (customer_id, month, metric)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX customer_volumes_month ON customer_volumes (month, metric);

      -- History rows written by an import carry its batch (batch_id there is the record version).
      ALTER TABLE customer_changes ADD COLUMN import_batch_id INTEGER REFERENCES import_batches(id);
      CREATE INDEX customer_changes_import ON customer_changes (import_batch_id) WHERE import_batch_id IS NOT NULL;
    `);
  },
};
