// The seed holds records like Flex's: today's pass the app's rules, legacy ones (≥15%) may not, and each legacy
// kind the README lists is present in the numbers its table gives.
import fs from 'node:fs';
import { isValidPhoneNumber } from 'libphonenumber-js/max';
import { postcodeValidator } from 'postcode-validator';
import { describe, expect, it } from 'vitest';
import {
  LEGACY_COUNTS,
  LEGACY_KINDS,
  legacyCustomers,
  REFERENCE_EMAIL,
  type LegacyKind,
} from './legacy-seed';
import { SEED_COUNTS, seedCustomers, seedRecords } from './seed';
import type { SandboxCustomer } from './store';

const MODES = ['test', 'live'] as const;
const CONTACT = ['first_name', 'last_name', 'email', 'phone', 'employer'] as const;
const ADDRESS = ['line1', 'line2', 'city', 'state', 'postal_code', 'country'] as const;
const TOP_LEVEL = new Set<string>([
  'customer_id',
  ...CONTACT,
  'shipping',
  'metadata',
  'created_at',
  'test_mode',
]);
const E164 = /^\+[1-9]\d{1,14}$/;

type Shipping = NonNullable<SandboxCustomer['shipping']>;
const addressOf = (c: SandboxCustomer): Shipping | undefined =>
  c.shipping && Object.keys(c.shipping).length > 0 ? c.shipping : undefined;

// Written apart from legacy-seed.ts, from the raw records, so a recipe that does more or less than it
// declares is caught.
const DETECT: Record<LegacyKind, (c: SandboxCustomer) => boolean> = {
  'invalid-phone': (c) => typeof c.phone === 'string' && E164.test(c.phone) && !isValidPhoneNumber(c.phone),
  'non-e164-phone': (c) => typeof c.phone === 'string' && c.phone !== '' && !E164.test(c.phone),
  'lowercase-country': (c) => /[a-z]/.test(addressOf(c)?.country ?? ''),
  'missing-state': (c) => {
    const a = addressOf(c);
    return !!a && ['US', 'CA', 'AU'].includes((a.country ?? '').toUpperCase()) && !a.state;
  },
  'postal-outside-pattern': (c) => {
    const a = addressOf(c);
    const p = a?.postal_code;
    if (!a || !p) return false;
    return /[a-z]/.test(p) || !postcodeValidator(p, (a.country ?? '').toUpperCase());
  },
  'empty-strings': (c) => CONTACT.some((f) => c[f] === ''),
  nulls: (c) =>
    CONTACT.some((f) => c[f] === null) ||
    c.metadata === null ||
    ADDRESS.some((f) => addressOf(c)?.[f] === null),
  'missing-fields': (c) =>
    [...CONTACT, 'shipping', 'metadata'].some((f) => !(f in c)) ||
    ADDRESS.some((f) => addressOf(c) !== undefined && !(f in (addressOf(c) as Shipping))),
  'extra-fields': (c) =>
    Object.keys(c).some((k) => !TOP_LEVEL.has(k)) ||
    Object.keys(addressOf(c) ?? {}).some(
      (k) => k !== 'shipping_address_id' && !(ADDRESS as readonly string[]).includes(k),
    ),
  'metadata-any-json': (c) => Object.values(c.metadata ?? {}).some((v) => typeof v !== 'string'),
  'shipping-empty': (c) =>
    c.shipping !== null && c.shipping !== undefined && Object.keys(c.shipping).length === 0,
  'shipping-null': (c) => c.shipping === null,
  'shipping-without-id': (c) =>
    addressOf(c) !== undefined && !('shipping_address_id' in (addressOf(c) as Shipping)),
};
const KINDS = Object.keys(DETECT) as LegacyKind[];

/** The app's strict form schema on the customer as the client reads it: the problems, by field. */
async function appProblems(c: SandboxCustomer): Promise<string[]> {
  const { customerFormSchema, toFormValues } = await import('@/lib/customers/schema');
  const { wireCustomer, toCustomer } = await import('@/lib/flex/wire');
  const { editableFields } = await import('@/lib/customers/types');
  // Through JSON, as the records travel: absent keys stay absent.
  const customer = toCustomer(wireCustomer.parse(JSON.parse(JSON.stringify(c))));
  const r = await customerFormSchema.safeParseAsync(
    toFormValues(editableFields(customer), customer.phone_display),
  );
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
}

describe('seed data', () => {
  const all = MODES.flatMap((m) => seedRecords(m));

  it('is deterministic', () => {
    expect(seedRecords('test')).toEqual(seedRecords('test'));
    expect(seedRecords('live')).toEqual(seedRecords('live'));
  });

  it('holds the counts per mode, legacy records included', () => {
    for (const mode of MODES) {
      const records = seedRecords(mode);
      expect(records).toHaveLength(SEED_COUNTS[mode]);
      expect(records.filter((r) => r.legacy)).toHaveLength(LEGACY_COUNTS[mode]);
      expect(records.every((r) => r.customer.test_mode === (mode === 'test'))).toBe(true);
    }
  });

  it('makes at least 15% of test-mode customers legacy, and a few live ones', () => {
    expect(LEGACY_COUNTS.test / SEED_COUNTS.test).toBeGreaterThanOrEqual(0.15);
    expect(LEGACY_COUNTS.live).toBeGreaterThanOrEqual(3);
  });

  it('has unique ids, and unique emails where there is one', () => {
    expect(new Set(all.map((r) => r.customer.customer_id)).size).toBe(all.length);
    for (const mode of MODES) {
      const emails = seedRecords(mode).flatMap((r) => (r.customer.email ? [r.customer.email] : []));
      expect(new Set(emails).size).toBe(emails.length);
    }
  });

  it('keeps the newest records as they were before legacy records existed', () => {
    for (const mode of MODES) {
      const before = seedCustomers(mode, SEED_COUNTS[mode]);
      const today = seedRecords(mode)
        .filter((r) => !r.legacy)
        .map((r) => r.customer);
      expect(today).toEqual(before.slice(LEGACY_COUNTS[mode]));
    }
  });

  it('makes every legacy record older than every record of today', () => {
    for (const mode of MODES) {
      const records = seedRecords(mode);
      const newestLegacy = records
        .filter((r) => r.legacy)
        .map((r) => r.customer.customer_id)
        .sort()
        .at(-1)!;
      const oldestToday = records
        .filter((r) => !r.legacy)
        .map((r) => r.customer.customer_id)
        .sort()[0]!;
      expect(newestLegacy < oldestToday).toBe(true);
    }
  });

  it('holds the reference’s own example customer, findable by email', () => {
    const john = legacyCustomers('test').find((r) => r.customer.email === REFERENCE_EMAIL)!.customer;
    expect(john).toMatchObject({
      first_name: 'John',
      last_name: 'Doe',
      phone: '+15555555555',
      employer: 'Flex',
      shipping: {
        line1: '123 Main St',
        line2: 'Suite 100',
        city: 'San Francisco',
        state: 'CA',
        postal_code: '94107',
        country: 'US',
      },
      metadata: { order_id: '8842', channel: 'shopify' },
      test_mode: true,
    });
    expect(isValidPhoneNumber(john.phone as string)).toBe(false);
  });
});

describe('legacy kinds', () => {
  it('declares, per record, exactly the kinds the record shows', () => {
    for (const mode of MODES) {
      for (const { customer, kinds } of legacyCustomers(mode)) {
        const shown = KINDS.filter((k) => DETECT[k](customer));
        expect([...kinds].sort(), `${customer.customer_id}: ${JSON.stringify(customer)}`).toEqual(
          shown.sort(),
        );
      }
    }
  });

  it('has every kind, several times, in the numbers of the exported table', () => {
    expect(LEGACY_KINDS.map((row) => row.kind).sort()).toEqual([...KINDS].sort());
    for (const row of LEGACY_KINDS) {
      for (const mode of MODES) {
        const detected = legacyCustomers(mode).filter((r) => DETECT[row.kind](r.customer)).length;
        expect(detected, `${row.kind} in ${mode}`).toBe(row[mode]);
      }
      expect(row.test, row.kind).toBeGreaterThanOrEqual(3);
    }
  });

  it('is listed in the README with the same counts', () => {
    const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const row of LEGACY_KINDS) {
      expect(readme).toContain(`| \`${row.kind}\` | ${row.description} | ${row.test} | ${row.live} |`);
    }
  });
});

describe('seed data against the app', () => {
  it('today’s records pass the app’s own strict validation', async () => {
    for (const mode of MODES) {
      for (const r of seedRecords(mode).filter((x) => !x.legacy)) {
        expect(await appProblems(r.customer), r.customer.customer_id).toEqual([]);
      }
    }
  });

  it('some legacy records fail it, as Flex’s older records would', async () => {
    const failing: Record<string, string[]> = {};
    for (const mode of MODES) {
      for (const { customer } of legacyCustomers(mode)) {
        const problems = await appProblems(customer);
        if (problems.length > 0) failing[customer.customer_id] = problems;
      }
    }
    expect(Object.keys(failing).length).toBeGreaterThanOrEqual(20);
    const john = legacyCustomers('test').find((r) => r.customer.email === REFERENCE_EMAIL)!.customer;
    expect(failing[john.customer_id]).toEqual(['phone']);
  });
});
