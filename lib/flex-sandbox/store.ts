// The sandbox's own persistence: customers per mode (test/live) in one SQLite file.
// It shares nothing with the app's client code, so it can disagree with it and catch its mistakes.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';

export type Mode = 'test' | 'live';

export type SandboxShipping =
  | Record<string, never>
  | {
      shipping_address_id: string;
      line1: string;
      line2: string;
      city: string;
      state: string;
      postal_code: string;
      country: string;
    };

export type SandboxCustomer = {
  customer_id: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
  employer: string | null;
  shipping: SandboxShipping;
  metadata: Record<string, unknown>;
  created_at: string;
  test_mode: boolean;
};

export type ListQuery = {
  limit: number;
  startingAfter?: string;
  endingBefore?: string;
  offset: number;
  email?: string;
};

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

  replaceAll(customers: { mode: Mode; customer: SandboxCustomer }[]): void {
    const tx = this.db.transaction(() => {
      this.db.exec('DELETE FROM customers');
      const insert = this.db.prepare('INSERT INTO customers (mode, id, email, body) VALUES (?, ?, ?, ?)');
      for (const { mode, customer } of customers) {
        insert.run(mode, customer.customer_id, customer.email, JSON.stringify(customer));
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
      .run(mode, customer.customer_id, customer.email, JSON.stringify(customer));
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
