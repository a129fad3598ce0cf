// Versioned migrations, applied in order at start. Portable schema-builder calls only (SQLite and PostgreSQL).
import 'server-only';
import type { Kysely, Migration, MigrationProvider } from 'kysely';

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
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
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
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
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
  '004_edit_reason': {
    async up(db: Kysely<unknown>) {
      // Why a change was made, its ticket, and the change it reverts (null on older rows).
      for (const col of ['reason_code', 'reason_detail', 'ticket'])
        await db.schema.alterTable('audit_log').addColumn(col, 'text').execute();
      await db.schema.alterTable('audit_log').addColumn('reverts_id', 'integer').execute();
    },
  },
  '005_oidc': {
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
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
