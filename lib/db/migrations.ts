// Versioned migrations for PostgreSQL, applied in name order at start (lib/db/database.ts `migrate`).
// Times are ISO-8601 text and booleans 0/1 integers, as the audit hashes of imported SQLite rows expect.
import 'server-only';
import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { installSearch, installSearchWords } from '@/lib/search/search-ddl';

const migrations: Record<string, Migration> = {
  '001_staff_sessions': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('staff')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_sign_in_at', 'text')
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('ip', 'text')
        .addColumn('user_agent', 'text')
        .execute();
      await db.schema.createIndex('sessions_staff').on('sessions').column('staff_id').execute();
      await db.schema
        .createTable('sign_in_throttle')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('last_failure_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '002_audit': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('audit_log')
        // Not a sequence: appendAudit assigns head + 1 under the head row's lock, so ids have no gaps.
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('actor_email', 'text')
        .addColumn('actor_role', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('customer_id', 'text')
        .addColumn('test_mode', 'integer')
        .addColumn('changes', 'text')
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('upstream_status', 'integer')
        .addColumn('upstream_request_id', 'text')
        .addColumn('duration_ms', 'integer')
        .addColumn('request_id', 'text')
        .addColumn('ip', 'text')
        .addColumn('user_agent', 'text')
        .addColumn('detail', 'text')
        .addColumn('completes_id', 'integer')
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull().unique())
        // Two rows chained to one predecessor would be a fork.
        .addUniqueConstraint('audit_log_prev_hash_unique', ['prev_hash'])
        .execute();
      // The chain's head: one row, locked FOR UPDATE by every append, so appends from any number of
      // servers are serialised and each row chains to the true previous one.
      await db.schema
        .createTable('audit_head')
        .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
        .addColumn('last_id', 'integer', (c) => c.notNull())
        .addColumn('last_hash', 'text', (c) => c.notNull())
        .execute();
      await sql`INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, 0, ${'0'.repeat(64)})`.execute(db);
      await db.schema.createIndex('audit_customer').on('audit_log').columns(['customer_id', 'id']).execute();
      await db.schema.createIndex('audit_completes').on('audit_log').column('completes_id').execute();
    },
  },
  '003_recently_viewed': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('recently_viewed')
        .addColumn('staff_id', 'text', (c) => c.notNull())
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('viewed_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('recently_viewed_pk', ['staff_id', 'customer_id'])
        .execute();
    },
  },
  '004_sqlite_import': {
    async up(db: Kysely<unknown>) {
      // Records the one-time import of an earlier version's SQLite database (lib/db/import-sqlite.ts).
      await db.schema
        .createTable('sqlite_import')
        .addColumn('file', 'text', (c) => c.primaryKey())
        .addColumn('imported_at', 'text', (c) => c.notNull())
        .addColumn('staff', 'integer', (c) => c.notNull())
        .addColumn('audit_rows', 'integer', (c) => c.notNull())
        .addColumn('chain_ok', 'integer', (c) => c.notNull())
        .execute();
    },
  },
  '005_edit_reason': {
    async up(db: Kysely<unknown>) {
      // Why a change was made, its ticket, and the change it reverts (null on older rows).
      for (const col of ['reason_code', 'reason_detail', 'ticket'])
        await db.schema.alterTable('audit_log').addColumn(col, 'text').execute();
      await db.schema.alterTable('audit_log').addColumn('reverts_id', 'integer').execute();
    },
  },
  '006_oidc': {
    async up(db: Kysely<unknown>) {
      // Which company identity (issuer + subject) signs in as which staff member.
      await db.schema
        .createTable('staff_oidc')
        .addColumn('issuer', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('staff_oidc_pk', ['issuer', 'subject'])
        .execute();
      await db.schema.createIndex('staff_oidc_staff').on('staff_oidc').column('staff_id').execute();
      // Sign-ins in progress: state, nonce and PKCE verifier, found by the hash of a browser cookie, used once.
      await db.schema
        .createTable('oidc_transactions')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('nonce', 'text', (c) => c.notNull())
        .addColumn('code_verifier', 'text', (c) => c.notNull())
        .addColumn('next', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '007_bulk': {
    async up(db: Kysely<unknown>) {
      // A bulk run is rows in the database, not a loop in a request: any server may claim it by lease.
      await db.schema
        .createTable('bulk_run')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull()) // apply | retry | undo
        .addColumn('parent_id', 'text')
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_by_email', 'text', (c) => c.notNull())
        .addColumn('created_by_role', 'text', (c) => c.notNull())
        .addColumn('test_mode', 'integer', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('file_hash', 'text', (c) => c.notNull())
        .addColumn('header', 'text', (c) => c.notNull())
        .addColumn('mapping', 'text', (c) => c.notNull())
        .addColumn('blanks', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('owner', 'text')
        .addColumn('lease_until', 'text')
        .addColumn('confirmed_at', 'text')
        .addColumn('started_at', 'text')
        .addColumn('finished_at', 'text')
        .addColumn('throttled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('bulk_item')
        .addColumn('run_id', 'text', (c) => c.notNull().references('bulk_run.id').onDelete('cascade'))
        .addColumn('line', 'integer', (c) => c.notNull())
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('cells', 'text', (c) => c.notNull())
        .addColumn('kind', 'text') // the dry run's verdict: change | same | invalid | not_found | forbidden
        .addColumn('before', 'text')
        .addColumn('after', 'text')
        .addColumn('errors', 'text')
        .addColumn('state', 'text', (c) => c.notNull()) // unread | planned | sending | done | conflict | failed | skipped
        .addColumn('error', 'text')
        .addColumn('audit_id', 'integer')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('bulk_item_pk', ['run_id', 'line'])
        .execute();
      await db.schema.createIndex('bulk_item_state').on('bulk_item').columns(['run_id', 'state']).execute();
      await db.schema
        .createIndex('bulk_item_customer')
        .on('bulk_item')
        .columns(['customer_id', 'state'])
        .execute();
      await db.schema.alterTable('audit_log').addColumn('bulk_run_id', 'text').execute();
    },
  },
  '008_customer_index': {
    // The index of every Flex customer (issue 15): for finding only, never the truth (pages read Flex live).
    // Search indexes (pg_trgm, unaccent) are added by the search migration that follows.
    async up(db: Kysely<unknown>) {
      await sql`
        CREATE TABLE customer_index (
          id text PRIMARY KEY,
          test_mode boolean NOT NULL,
          first_name text NOT NULL DEFAULT '',
          last_name text NOT NULL DEFAULT '',
          email text NOT NULL DEFAULT '',
          phone text NOT NULL DEFAULT '',
          phone_digits text NOT NULL DEFAULT '',
          employer text NOT NULL DEFAULT '',
          city text NOT NULL DEFAULT '',
          postal_code text NOT NULL DEFAULT '',
          postal_norm text NOT NULL DEFAULT '',
          country text NOT NULL DEFAULT '',
          metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
          created_at timestamptz NOT NULL,
          synced_at timestamptz NOT NULL,
          deleted_at timestamptz
        )`.execute(db);
      await sql`CREATE INDEX customer_index_created ON customer_index (created_at DESC, id DESC)`.execute(db);
    },
  },
  '010_live_presence': {
    // Who has a customer page open (issue 15 §5): one row per open page, kept alive by its SSE stream's
    // heartbeat, so every server sees everyone without shared memory.
    async up(db: Kysely<unknown>) {
      await sql`
        CREATE TABLE customer_presence (
          stream_id text PRIMARY KEY,
          customer_id text NOT NULL,
          staff_id text NOT NULL,
          display_name text NOT NULL,
          role text NOT NULL,
          seen_at timestamptz NOT NULL
        )`.execute(db);
      await sql`CREATE INDEX customer_presence_customer ON customer_presence (customer_id, seen_at)`.execute(
        db,
      );
    },
  },
  '010_search': {
    // pg_trgm + unaccent, the IMMUTABLE folding functions and the search indexes (lib/search/search-ddl.ts).
    async up(db: Kysely<unknown>) {
      await installSearch(db);
    },
  },
  '009_sync': {
    // Keeping the index true (issue 15): the one sync state row (leader lease, the walk's checkpoint), which
    // walk last saw each customer, the pacer shared by every server's background Flex calls, and the queue of
    // webhooks (its primary key is the webhook-id: each delivery is processed once across servers).
    async up(db: Kysely<unknown>) {
      await sql`
        CREATE TABLE sync_state (
          id integer PRIMARY KEY CHECK (id = 1),
          owner text,
          lease_until timestamptz,
          walk_no integer NOT NULL DEFAULT 0,
          walk_running boolean NOT NULL DEFAULT false,
          walk_cursor text,
          walk_started_at timestamptz,
          walk_seen integer NOT NULL DEFAULT 0,
          walk_pages integer NOT NULL DEFAULT 0,
          walk_total_estimate integer,
          walk_requested_at timestamptz,
          first_backfill_done_at timestamptz,
          last_full_done_at timestamptz,
          last_full_seen integer,
          last_poll_at timestamptz,
          last_page_at timestamptz,
          last_prune_at timestamptz,
          errors integer NOT NULL DEFAULT 0,
          throttled integer NOT NULL DEFAULT 0,
          last_error text,
          last_error_at timestamptz
        )`.execute(db);
      await sql`INSERT INTO sync_state (id) VALUES (1)`.execute(db);
      await sql`CREATE TABLE sync_seen (id text PRIMARY KEY, walk_no integer NOT NULL)`.execute(db);
      await sql`
        CREATE TABLE flex_pacer (
          name text PRIMARY KEY,
          next_at timestamptz NOT NULL,
          requests bigint NOT NULL DEFAULT 0
        )`.execute(db);
      await sql`
        CREATE TABLE webhook_event (
          id text PRIMARY KEY,
          received_at timestamptz NOT NULL DEFAULT clock_timestamp(),
          sent_at timestamptz,
          type text NOT NULL,
          customer_id text,
          state text NOT NULL,
          attempts integer NOT NULL DEFAULT 0,
          not_before timestamptz NOT NULL DEFAULT clock_timestamp(),
          claimed_by text,
          claimed_until timestamptz,
          done_at timestamptz,
          error text
        )`.execute(db);
      await sql`CREATE INDEX webhook_event_queue ON webhook_event (not_before) WHERE state IN ('queued', 'working')`.execute(
        db,
      );
      await sql`CREATE INDEX webhook_event_received ON webhook_event (received_at)`.execute(db);
      // The whole address, so a webhook's re-read can say that the shipping address changed (the index's
      // search columns hold only city, postal code and country).
      await sql`ALTER TABLE customer_index ADD COLUMN shipping jsonb`.execute(db);
    },
  },
  '011_bulk_confirmer': {
    // Who confirmed a run: its rows are written in that person's name (issue 16), the planner named beside.
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('bulk_run')
        .addColumn('confirmed_by', 'text')
        .addColumn('confirmed_by_email', 'text')
        .addColumn('confirmed_by_role', 'text')
        .execute();
    },
  },
  '012_search_words': {
    // The misspelling fallback looks in a dictionary of the index's words, not in every row (issue 15:
    // with 4 clients it took 630 ms over a million rows): lib/search/search-ddl.ts.
    async up(db: Kysely<unknown>) {
      await installSearchWords(db);
    },
  },
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
