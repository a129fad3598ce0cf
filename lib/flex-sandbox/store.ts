// The sandbox's own persistence: customers per mode (test/live), held in memory and written to one JSON
// file in DATA_DIR (atomically: a temporary file, then a rename). No native build. Writes are off the
// request path: a change schedules one write within FLUSH_MS (many changes, one write), done
// asynchronously; close() writes what is left, so SIGTERM loses nothing and kill -9 at most the last second.
// It shares nothing with the app's client code, so it can disagree with it and catch its mistakes.
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
function emailKey(c: SandboxCustomer | undefined): string | null {
  return typeof c?.email === 'string' ? c.email : null;
}

/** The longest a change waits to reach the disk. */
export const FLUSH_MS = 500;

type FileShape = { version: 1; seededAt: string | null; customers: Record<Mode, SandboxCustomer[]> };

export class SandboxStore {
  private readonly file: string | null;
  private seededAt: string | null = null;
  private readonly customers: Record<Mode, Map<string, SandboxCustomer>> = {
    test: new Map(),
    live: new Map(),
  };
  /** Ids per mode, ascending (ULIDs: creation order). */
  private sorted: Record<Mode, string[] | null> = { test: null, live: null };

  /** `file` is the JSON file to keep the data in, or ':memory:' for none. */
  constructor(file: string) {
    this.file = file === ':memory:' ? null : file;
    if (!this.file) return;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    let text: string | undefined;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    if (text === undefined) return;
    const data = JSON.parse(text) as FileShape;
    this.seededAt = data.seededAt;
    for (const mode of ['test', 'live'] as const)
      for (const c of data.customers[mode] ?? []) this.customers[mode].set(c.customer_id, c);
  }

  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> | null = null;
  private dirty = false;

  private snapshot(): string {
    const data: FileShape = {
      version: 1,
      seededAt: this.seededAt,
      customers: { test: [...this.customers.test.values()], live: [...this.customers.live.values()] },
    };
    return JSON.stringify(data);
  }

  /** Marks the store changed; one write follows within FLUSH_MS, however many changes come before it. */
  private save(): void {
    if (!this.file) return;
    this.dirty = true;
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, FLUSH_MS);
    this.timer.unref();
  }

  /** Writes pending changes now (asynchronously; one write at a time, the latest state wins). */
  async flush(): Promise<void> {
    if (!this.file) return;
    while (this.writing) await this.writing;
    if (!this.dirty) return;
    this.dirty = false;
    const file = this.file;
    const tmp = `${file}.${process.pid}.tmp`;
    const text = this.snapshot();
    this.writing = fs.promises
      .writeFile(tmp, text)
      .then(() => fs.promises.rename(tmp, file))
      .catch((e: unknown) => {
        this.dirty = true; // tried again at the next change or at close
        console.error(`sandbox: could not write ${file}: ${e instanceof Error ? e.message : String(e)}`);
      })
      .finally(() => {
        this.writing = null;
      });
    await this.writing;
  }

  private ids(mode: Mode): string[] {
    return (this.sorted[mode] ??= [...this.customers[mode].keys()].sort());
  }

  isSeeded(): boolean {
    return this.seededAt !== null;
  }

  /**
   * The seeding path, and the only way legacy records get in: it stores each record exactly as given,
   * with no validation. The HTTP API never calls it; its writes go through validate.ts and then put().
   */
  replaceAll(records: readonly SeedRecord[]): void {
    this.customers.test.clear();
    this.customers.live.clear();
    for (const { mode, customer } of records)
      this.customers[mode].set(customer.customer_id, structuredClone(customer));
    this.sorted = { test: null, live: null };
    this.seededAt = new Date().toISOString();
    this.save();
  }

  get(mode: Mode, id: string): SandboxCustomer | undefined {
    const c = this.customers[mode].get(id);
    return c ? structuredClone(c) : undefined;
  }

  exists(mode: Mode, id: string): boolean {
    return this.customers[mode].has(id);
  }

  put(mode: Mode, customer: SandboxCustomer): void {
    if (!this.customers[mode].has(customer.customer_id)) this.sorted[mode] = null;
    this.customers[mode].set(customer.customer_id, structuredClone(customer));
    this.save();
  }

  /** Deletes a customer (DELETE /v1/customers/{id}); false when there was none. */
  remove(mode: Mode, id: string): boolean {
    if (!this.customers[mode].delete(id)) return false;
    this.sorted[mode] = null;
    this.save();
    return true;
  }

  /** Newest first. Ids are ULIDs minted at creation time, so id order is creation order. */
  list(mode: Mode, q: ListQuery): SandboxCustomer[] {
    const all = this.customers[mode];
    let ids = this.ids(mode);
    if (q.email !== undefined) ids = ids.filter((id) => emailKey(all.get(id)) === q.email);
    let page: string[];
    if (q.endingBefore !== undefined) {
      // The page of items just newer than the cursor, returned newest first.
      const cursor = q.endingBefore;
      page = ids
        .filter((id) => id > cursor)
        .slice(q.offset, q.offset + q.limit)
        .reverse();
    } else {
      const cursor = q.startingAfter;
      const older = cursor === undefined ? ids : ids.filter((id) => id < cursor);
      page = older
        .slice()
        .reverse()
        .slice(q.offset, q.offset + q.limit);
    }
    return page.map((id) => structuredClone(all.get(id)!));
  }

  count(mode: Mode): number {
    return this.customers[mode].size;
  }

  /** Writes what is pending: after this, every change is on disk. */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush();
  }
}
