// The sandbox's own persistence: customers per mode (test/live) in one SQLite file.
// It shares nothing with the app's client code, so it can disagree with it and catch its mistakes.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';

export type Mode = 'test' | 'live';

/** Any JSON value. In an object, `undefined` stands for an absent key (JSON.stringify drops it). */
export type Json = string | number | boolean | null | Json[] | JsonObject;
export type JsonObject = { [key: string]: Json | undefined };

/**
 * An address as the store holds it. Today's API always writes `{}` or all seven fields as strings; legacy
 * records (seeded as Flex's older records are, see legacy-seed.ts) may lack fields, hold nulls or extras.
 */
export type SandboxShipping = {
  shipping_address_id?: string;
  line1?: string | null;
  line2?: string | null;
  city?: string | null;
  state?: string | null;
  postal_code?: string | null;
  country?: string | null;
  [extra: string]: Json | undefined;
};

/**
 * A customer as the store holds it and the API returns it, unchanged. Only the fields Flex itself sets
 * (id, created_at, test_mode) are always there; the rest may be null or absent in legacy records, and
 * unknown extra fields are kept and returned.
 */
export type SandboxCustomer = {
  customer_id: string;
  first_name?: string | null;
  last_name?: string | null;
  email?: string | null;
  phone?: string | null;
  employer?: string | null;
  shipping?: SandboxShipping | null;
  metadata?: JsonObject | null;
  created_at: string;
  test_mode: boolean;
  [extra: string]: Json | undefined;
};

/** One seeded record. `legacy` marks those that skipped today's validation on their way in. */
export type SeedRecord = { mode: Mode; customer: SandboxCustomer; legacy: boolean };

export type ListQuery = {
  limit: number;
  startingAfter?: string;
  endingBefore?: string;
  offset: number;
  email?: string;
};

/** The indexed email for the exact-email filter; a legacy record may hold none, or not a string. */
function emailKey(c: SandboxCustomer): string | null {
  return typeof c.email === 'string' ? c.email : null;
}

export class SandboxStore {
  private db: Database.Database;

  constructor(file: string) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS customers (
        mode TEXT NOT NULL,
        id TEXT NOT NULL,
        email TEXT,
        body TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (mode, id)
      );
      CREATE INDEX IF NOT EXISTS customers_email ON customers (mode, email);
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `);
  }

  isSeeded(): boolean {
    return this.db.prepare(`SELECT 1 FROM meta WHERE key = 'seeded'`).get() !== undefined;
  }

  /**
   * The seeding path, and the only way legacy records get in: it stores each record exactly as given,
   * with no validation. The HTTP API never calls it; its writes go through validate.ts and then put().
   */
  replaceAll(records: readonly SeedRecord[]): void {
    const tx = this.db.transaction(() => {
      this.db.exec('DELETE FROM customers');
      const insert = this.db.prepare('INSERT INTO customers (mode, id, email, body) VALUES (?, ?, ?, ?)');
      for (const { mode, customer } of records) {
        insert.run(mode, customer.customer_id, emailKey(customer), JSON.stringify(customer));
      }
      this.db
        .prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES ('seeded', ?)`)
        .run(new Date().toISOString());
    });
    tx();
  }

  get(mode: Mode, id: string): SandboxCustomer | undefined {
    const row = this.db
      .prepare('SELECT body FROM customers WHERE mode = ? AND id = ? AND deleted = 0')
      .get(mode, id) as { body: string } | undefined;
    return row ? (JSON.parse(row.body) as SandboxCustomer) : undefined;
  }

  exists(mode: Mode, id: string): boolean {
    return this.get(mode, id) !== undefined;
  }

  put(mode: Mode, customer: SandboxCustomer): void {
    this.db
      .prepare(
        `INSERT INTO customers (mode, id, email, body) VALUES (?, ?, ?, ?)
         ON CONFLICT (mode, id) DO UPDATE SET email = excluded.email, body = excluded.body`,
      )
      .run(mode, customer.customer_id, emailKey(customer), JSON.stringify(customer));
  }

  /** Newest first. Ids are ULIDs minted at creation time, so id order is creation order. */
  list(mode: Mode, q: ListQuery): SandboxCustomer[] {
    const where = ['mode = ?', 'deleted = 0'];
    const args: (string | number)[] = [mode];
    if (q.email !== undefined) {
      where.push('email = ?');
      args.push(q.email);
    }
    let sql: string;
    if (q.endingBefore !== undefined) {
      // The page of items just newer than the cursor, returned newest first.
      where.push('id > ?');
      args.push(q.endingBefore);
      sql = `SELECT body FROM (SELECT id, body FROM customers WHERE ${where.join(' AND ')}
             ORDER BY id ASC LIMIT ? OFFSET ?) ORDER BY id DESC`;
    } else {
      if (q.startingAfter !== undefined) {
        where.push('id < ?');
        args.push(q.startingAfter);
      }
      sql = `SELECT body FROM customers WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ? OFFSET ?`;
    }
    args.push(q.limit, q.offset);
    const rows = this.db.prepare(sql).all(...args) as { body: string }[];
    return rows.map((r) => JSON.parse(r.body) as SandboxCustomer);
  }

  count(mode: Mode): number {
    const row = this.db
      .prepare('SELECT COUNT(*) AS n FROM customers WHERE mode = ? AND deleted = 0')
      .get(mode) as {
      n: number;
    };
    return row.n;
  }

  close(): void {
    this.db.close();
  }
}
