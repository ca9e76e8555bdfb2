import type { Migration } from './index';

export const m001Initial: Migration = {
  version: 1,
  name: 'users, settings, dictionaries, customers, contacts, history, audit, search',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE users (
        id                   INTEGER PRIMARY KEY,
        name                 TEXT NOT NULL COLLATE NOCASE UNIQUE,
        display_name         TEXT NOT NULL,
        role                 TEXT NOT NULL CHECK (role IN ('admin','supervisor','manager')),
        password_hash        TEXT NOT NULL,
        disabled             INTEGER NOT NULL DEFAULT 0,
        failed_attempts      INTEGER NOT NULL DEFAULT 0,
        locked_until         TEXT,
        must_change_password INTEGER NOT NULL DEFAULT 0,
        full_export          INTEGER NOT NULL DEFAULT 0,
        last_login_at        TEXT,
        created_at           TEXT NOT NULL,
        updated_at           TEXT NOT NULL
      ) STRICT;

      CREATE TABLE user_prefs (
        user_id INTEGER NOT NULL REFERENCES users(id),
        key     TEXT NOT NULL,
        value   TEXT NOT NULL,
        PRIMARY KEY (user_id, key)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE dict_items (
        id                  INTEGER PRIMARY KEY,
        kind                TEXT NOT NULL CHECK (kind IN ('tier','region','industry','tag')),
        name                TEXT NOT NULL,
        sort                INTEGER NOT NULL DEFAULT 0,
        visit_interval_days INTEGER,
        active              INTEGER NOT NULL DEFAULT 1,
        UNIQUE (kind, name)
      ) STRICT;

      CREATE TABLE customers (
        id              INTEGER PRIMARY KEY,
        code            TEXT NOT NULL UNIQUE,
        name            TEXT NOT NULL,
        kind            TEXT NOT NULL,
        id_number       TEXT,
        credit_code     TEXT,
        licence_no      TEXT,
        mobile          TEXT,
        phone           TEXT,
        address         TEXT,
        region          TEXT,
        industry        TEXT,
        economic_nature TEXT,
        scale           TEXT,
        main_business   TEXT,
        credit_rating   TEXT,
        payment_habit   TEXT,
        background      TEXT,
        products        TEXT,
        monthly_volume  REAL,
        tier            TEXT,
        status          TEXT NOT NULL DEFAULT '潜在',
        manager_id      INTEGER REFERENCES users(id),
        key_customer    INTEGER NOT NULL DEFAULT 0,
        needs           TEXT,
        notes           TEXT,
        -- Search helpers, derived from name/phones on every write:
        name_pinyin     TEXT NOT NULL DEFAULT '',  -- full pinyin: sort key that orders Chinese names as people expect
        name_initials   TEXT NOT NULL DEFAULT '',  -- 张三 -> zs (surname-aware)
        name_bigrams    TEXT NOT NULL DEFAULT '',  -- 张三丰 -> "张三 三丰": lets FTS find 2-character names
        search_phones   TEXT NOT NULL DEFAULT '',  -- digits of every phone of the customer and its contacts
        deleted_at      TEXT,
        deleted_by      INTEGER REFERENCES users(id),
        version         INTEGER NOT NULL DEFAULT 0,
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL,
        created_by      INTEGER REFERENCES users(id),
        updated_by      INTEGER REFERENCES users(id)
      ) STRICT;

      CREATE INDEX customers_live_name    ON customers (deleted_at, name_pinyin);
      CREATE INDEX customers_tier_name    ON customers (tier, name_pinyin) WHERE deleted_at IS NULL;
      CREATE INDEX customers_manager_name ON customers (manager_id, name_pinyin) WHERE deleted_at IS NULL;
      CREATE INDEX customers_region       ON customers (region) WHERE deleted_at IS NULL;
      CREATE INDEX customers_status       ON customers (status) WHERE deleted_at IS NULL;
      CREATE INDEX customers_initials     ON customers (name_initials);
      CREATE INDEX customers_id_number    ON customers (id_number) WHERE id_number IS NOT NULL;
      CREATE INDEX customers_credit_code  ON customers (credit_code) WHERE credit_code IS NOT NULL;
      CREATE INDEX customers_mobile       ON customers (mobile) WHERE mobile IS NOT NULL;
      CREATE INDEX customers_name         ON customers (name);
      CREATE INDEX customers_live_updated ON customers (updated_at) WHERE deleted_at IS NULL;

      CREATE TABLE customer_tags (
        customer_id INTEGER NOT NULL REFERENCES customers(id),
        tag         TEXT NOT NULL,
        PRIMARY KEY (customer_id, tag)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX customer_tags_tag ON customer_tags (tag, customer_id);

      CREATE TABLE contacts (
        id                INTEGER PRIMARY KEY,
        customer_id       INTEGER NOT NULL REFERENCES customers(id),
        name              TEXT NOT NULL,
        role              TEXT,
        mobile            TEXT,
        phone             TEXT,
        is_decision_maker INTEGER NOT NULL DEFAULT 0,
        birthday          TEXT,
        notes             TEXT,
        sort              INTEGER NOT NULL DEFAULT 0,
        deleted_at        TEXT
      ) STRICT;
      CREATE INDEX contacts_customer ON contacts (customer_id);
      CREATE INDEX contacts_mobile ON contacts (mobile) WHERE mobile IS NOT NULL;

      -- Field-level history: archives must stay true, complete and continuous.
      CREATE TABLE customer_changes (
        id          INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers(id),
        at          TEXT NOT NULL,
        user_id     INTEGER REFERENCES users(id),
        action      TEXT NOT NULL,
        field       TEXT NOT NULL,
        old_value   TEXT,
        new_value   TEXT,
        batch_id    INTEGER
      ) STRICT;
      CREATE INDEX customer_changes_customer ON customer_changes (customer_id, at);

      CREATE TABLE customer_transfers (
        id              INTEGER PRIMARY KEY,
        customer_id     INTEGER NOT NULL REFERENCES customers(id),
        from_manager_id INTEGER REFERENCES users(id),
        to_manager_id   INTEGER REFERENCES users(id),
        at              TEXT NOT NULL,
        user_id         INTEGER REFERENCES users(id),
        reason          TEXT
      ) STRICT;
      CREATE INDEX customer_transfers_customer ON customer_transfers (customer_id, at);

      CREATE TABLE audit_log (
        id        INTEGER PRIMARY KEY,
        at        TEXT NOT NULL,
        user_id   INTEGER,
        user_name TEXT,
        action    TEXT NOT NULL,
        target    TEXT,
        detail    TEXT,
        ok        INTEGER NOT NULL DEFAULT 1
      ) STRICT;
      CREATE INDEX audit_log_at ON audit_log (at);
      CREATE INDEX audit_log_action ON audit_log (action, at);

      -- Trigram FTS finds 3+ character substrings of names, codes, initials and phone digits.
      CREATE VIRTUAL TABLE customer_fts_tri USING fts5(
        name, code, name_initials, search_phones,
        content='customers', content_rowid='id', tokenize='trigram'
      );
      -- Bigram column tokenised on spaces: finds 2-character Chinese names, which trigram cannot.
      CREATE VIRTUAL TABLE customer_fts_bi USING fts5(
        name_bigrams, content='customers', content_rowid='id', tokenize='unicode61'
      );

      CREATE TRIGGER customers_fts_ai AFTER INSERT ON customers BEGIN
        INSERT INTO customer_fts_tri(rowid, name, code, name_initials, search_phones)
          VALUES (new.id, new.name, new.code, new.name_initials, new.search_phones);
        INSERT INTO customer_fts_bi(rowid, name_bigrams) VALUES (new.id, new.name_bigrams);
      END;
      CREATE TRIGGER customers_fts_ad AFTER DELETE ON customers BEGIN
        INSERT INTO customer_fts_tri(customer_fts_tri, rowid, name, code, name_initials, search_phones)
          VALUES ('delete', old.id, old.name, old.code, old.name_initials, old.search_phones);
        INSERT INTO customer_fts_bi(customer_fts_bi, rowid, name_bigrams) VALUES ('delete', old.id, old.name_bigrams);
      END;
      CREATE TRIGGER customers_fts_au AFTER UPDATE OF name, code, name_initials, search_phones, name_bigrams ON customers BEGIN
        INSERT INTO customer_fts_tri(customer_fts_tri, rowid, name, code, name_initials, search_phones)
          VALUES ('delete', old.id, old.name, old.code, old.name_initials, old.search_phones);
        INSERT INTO customer_fts_bi(customer_fts_bi, rowid, name_bigrams) VALUES ('delete', old.id, old.name_bigrams);
        INSERT INTO customer_fts_tri(rowid, name, code, name_initials, search_phones)
          VALUES (new.id, new.name, new.code, new.name_initials, new.search_phones);
        INSERT INTO customer_fts_bi(rowid, name_bigrams) VALUES (new.id, new.name_bigrams);
      END;
    `);
  },
};
