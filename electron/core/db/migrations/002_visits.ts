import type { Migration } from './index';

/**
 * Visit records, weekly plans, follow-ups, complaints, material receipts and
 * attachments (issue 3).
 *
 * Times of visits are local wall-clock `YYYY-MM-DD HH:mm` (what the paper sheet
 * says); bookkeeping stamps are `YYYY-MM-DD HH:mm:ss` like the rest of the schema.
 * Indexes are partial on `deleted_at IS NULL` (soft deletes are rare and never
 * listed), so queries must spell that condition out literally to use them.
 */
export const m002Visits: Migration = {
  version: 2,
  name: 'visits, plans, follow-ups, complaints, receipts, attachments',
  up(db) {
    db.exec(`
      -- Denormalised on every visit write: plan generation and the 'overdue by tier'
      -- list read it for 200,000 customers and cannot afford a MAX() per customer.
      ALTER TABLE customers ADD COLUMN last_visit_at TEXT;
      -- Covering indexes for "who is due for a visit": plan generation and the home
      -- screen's overdue list decide it from the index alone, without reading 200,000
      -- wide archive rows (deleted_at is in them only to make them covering). Within a
      -- tier the most overdue are the oldest last visits, so they come out in order.
      CREATE INDEX customers_visit_due ON customers (manager_id, tier, last_visit_at, created_at, status, deleted_at) WHERE deleted_at IS NULL;
      CREATE INDEX customers_tier_visit_due ON customers (tier, last_visit_at, created_at, status, deleted_at) WHERE deleted_at IS NULL;

      CREATE TABLE visits (
        id                    INTEGER PRIMARY KEY,
        manager_id            INTEGER NOT NULL REFERENCES users(id),
        customer_id           INTEGER NOT NULL REFERENCES customers(id),
        plan_entry_id         INTEGER REFERENCES plan_entries(id),
        type                  TEXT NOT NULL CHECK (type IN ('常规走访','特殊访问','回访','离网关怀','投诉处理','上门服务')),
        planned               INTEGER NOT NULL DEFAULT 0,
        sign_in               TEXT NOT NULL,
        sign_out              TEXT,
        duration_minutes      INTEGER,
        location              TEXT,
        content               TEXT,
        checklist             TEXT NOT NULL DEFAULT '[]',
        opinions              TEXT,
        problems              TEXT,
        signature             TEXT NOT NULL DEFAULT '待签' CHECK (signature IN ('待签','已签','拒签','无法签字')),
        signature_note        TEXT,
        next_follow_up_due    TEXT,
        next_follow_up_content TEXT,
        created_at            TEXT NOT NULL,
        created_by            INTEGER REFERENCES users(id),
        updated_at            TEXT NOT NULL,
        updated_by            INTEGER REFERENCES users(id),
        deleted_at            TEXT,
        deleted_by            INTEGER REFERENCES users(id),
        CHECK (sign_out IS NULL OR sign_out > sign_in)
      ) STRICT;
      CREATE INDEX visits_manager_sign_in  ON visits (manager_id, sign_in) WHERE deleted_at IS NULL;
      CREATE INDEX visits_customer_sign_in ON visits (customer_id, sign_in) WHERE deleted_at IS NULL;
      CREATE INDEX visits_sign_in          ON visits (sign_in) WHERE deleted_at IS NULL;
      -- A manager's visit signed in and not yet out (home screen, sign-in guard).
      CREATE INDEX visits_open ON visits (manager_id) WHERE sign_out IS NULL AND deleted_at IS NULL;
      -- Foreign-key lookups from the parent side: without it, deleting one plan entry
      -- scans all five million visits.
      CREATE INDEX visits_plan_entry ON visits (plan_entry_id) WHERE plan_entry_id IS NOT NULL;

      CREATE TABLE plan_entries (
        id              INTEGER PRIMARY KEY,
        week_monday     TEXT NOT NULL,
        date            TEXT NOT NULL,
        customer_id     INTEGER NOT NULL REFERENCES customers(id),
        manager_id      INTEGER NOT NULL REFERENCES users(id),
        status          TEXT NOT NULL DEFAULT '计划' CHECK (status IN ('计划','已完成','未完成')),
        source          TEXT NOT NULL DEFAULT 'auto' CHECK (source IN ('auto','manual','carried')),
        carried_from_id INTEGER REFERENCES plan_entries(id),
        visit_id        INTEGER REFERENCES visits(id),
        -- Removed by hand: kept so regenerating the week does not bring it back.
        removed_at      TEXT,
        removed_by      INTEGER REFERENCES users(id),
        created_at      TEXT NOT NULL,
        created_by      INTEGER REFERENCES users(id),
        updated_at      TEXT NOT NULL
      ) STRICT;
      CREATE INDEX plan_entries_manager_date ON plan_entries (manager_id, date);
      CREATE INDEX plan_entries_week ON plan_entries (week_monday, manager_id);
      -- One live entry per customer and week: regeneration can never duplicate.
      CREATE UNIQUE INDEX plan_entries_customer_week ON plan_entries (customer_id, week_monday) WHERE removed_at IS NULL;
      -- Planned, not visited, not removed: what carry-over looks for.
      CREATE INDEX plan_entries_open ON plan_entries (manager_id, date) WHERE status = '计划' AND visit_id IS NULL AND removed_at IS NULL;
      -- Foreign-key lookups when a visit or a carried-over entry goes away (import undo, cleanup).
      CREATE INDEX plan_entries_visit ON plan_entries (visit_id) WHERE visit_id IS NOT NULL;
      CREATE INDEX plan_entries_carried_from ON plan_entries (carried_from_id) WHERE carried_from_id IS NOT NULL;

      CREATE TABLE followups (
        id          INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers(id),
        owner_id    INTEGER NOT NULL REFERENCES users(id),
        due         TEXT NOT NULL,
        content     TEXT NOT NULL,
        source_type TEXT NOT NULL CHECK (source_type IN ('visit','complaint','manual')),
        source_id   INTEGER,
        done_at     TEXT,
        done_by     INTEGER REFERENCES users(id),
        result      TEXT,
        created_at  TEXT NOT NULL,
        created_by  INTEGER REFERENCES users(id),
        deleted_at  TEXT
      ) STRICT;
      CREATE INDEX followups_owner_open ON followups (owner_id, done_at, due);
      CREATE INDEX followups_customer ON followups (customer_id, created_at);
      CREATE INDEX followups_source ON followups (source_type, source_id);

      CREATE TABLE complaints (
        id                    INTEGER PRIMARY KEY,
        customer_id           INTEGER NOT NULL REFERENCES customers(id),
        manager_id            INTEGER NOT NULL REFERENCES users(id),
        visit_id              INTEGER REFERENCES visits(id),
        opened_at             TEXT NOT NULL,
        category              TEXT NOT NULL,
        content               TEXT NOT NULL,
        handling_steps        TEXT,
        result                TEXT,
        status                TEXT NOT NULL DEFAULT '待处理' CHECK (status IN ('待处理','处理中','待审批','已批准','已退回')),
        submitted_at          TEXT,
        approved_by           INTEGER REFERENCES users(id),
        approved_at           TEXT,
        approval_comment      TEXT,
        returned_at           TEXT,
        customer_confirmation TEXT NOT NULL DEFAULT '待确认' CHECK (customer_confirmation IN ('待确认','已确认','拒绝确认')),
        confirmation_note     TEXT,
        closed_at             TEXT,
        created_at            TEXT NOT NULL,
        created_by            INTEGER REFERENCES users(id),
        updated_at            TEXT NOT NULL,
        updated_by            INTEGER REFERENCES users(id),
        deleted_at            TEXT
      ) STRICT;
      CREATE INDEX complaints_status_opened ON complaints (status, opened_at);
      CREATE INDEX complaints_customer ON complaints (customer_id, opened_at);
      CREATE INDEX complaints_visit ON complaints (visit_id) WHERE visit_id IS NOT NULL;

      CREATE TABLE receipts (
        id             INTEGER PRIMARY KEY,
        customer_id    INTEGER NOT NULL REFERENCES customers(id),
        manager_id     INTEGER NOT NULL REFERENCES users(id),
        visit_id       INTEGER REFERENCES visits(id),
        date           TEXT NOT NULL,
        -- Ordering key for the timeline: the visit's sign-in, else the day.
        handed_at      TEXT NOT NULL,
        note           TEXT,
        signature      TEXT NOT NULL DEFAULT '待签' CHECK (signature IN ('待签','已签','拒签','无法签字')),
        signature_note TEXT,
        created_at     TEXT NOT NULL,
        created_by     INTEGER REFERENCES users(id),
        updated_at     TEXT NOT NULL,
        deleted_at     TEXT
      ) STRICT;
      CREATE INDEX receipts_customer ON receipts (customer_id, handed_at);
      CREATE INDEX receipts_visit ON receipts (visit_id) WHERE visit_id IS NOT NULL;

      CREATE TABLE receipt_items (
        id         INTEGER PRIMARY KEY,
        receipt_id INTEGER NOT NULL REFERENCES receipts(id),
        name       TEXT NOT NULL,
        quantity   INTEGER NOT NULL CHECK (quantity > 0),
        unit       TEXT,
        sort       INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX receipt_items_receipt ON receipt_items (receipt_id, sort);

      CREATE TABLE attachments (
        id            INTEGER PRIMARY KEY,
        sha256        TEXT NOT NULL,
        original_name TEXT NOT NULL,
        mime          TEXT NOT NULL CHECK (mime IN ('image/png','image/jpeg','image/webp','application/pdf')),
        size          INTEGER NOT NULL,
        visit_id      INTEGER REFERENCES visits(id),
        complaint_id  INTEGER REFERENCES complaints(id),
        created_at    TEXT NOT NULL,
        created_by    INTEGER REFERENCES users(id),
        deleted_at    TEXT,
        CHECK ((visit_id IS NULL) <> (complaint_id IS NULL))
      ) STRICT;
      CREATE INDEX attachments_visit ON attachments (visit_id) WHERE visit_id IS NOT NULL;
      CREATE INDEX attachments_complaint ON attachments (complaint_id) WHERE complaint_id IS NOT NULL;
      CREATE INDEX attachments_sha256 ON attachments (sha256);
    `);
  },
};
