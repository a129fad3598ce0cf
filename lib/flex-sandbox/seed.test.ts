// The seed must pass the app's own rules, or the app could not edit its own sandbox.
import { isValidPhoneNumber } from 'libphonenumber-js/max';
import { postcodeValidator } from 'postcode-validator';
import { describe, expect, it } from 'vitest';
import { SEED_COUNTS, seedCustomers } from './seed';

describe('seed data', () => {
  const all = [...seedCustomers('test', SEED_COUNTS.test), ...seedCustomers('live', SEED_COUNTS.live)];

  it('is deterministic', () => {
    expect(seedCustomers('test', 20)).toEqual(seedCustomers('test', 20));
  });

  it('has valid E.164 phones', () => {
    const bad = all.filter((c) => c.phone && !isValidPhoneNumber(c.phone)).map((c) => c.phone);
    expect(bad).toEqual([]);
  });

  it('has postal codes valid for their country', () => {
    const bad = all.flatMap((c) =>
      'country' in c.shipping && !postcodeValidator(c.shipping.postal_code, c.shipping.country)
        ? [c.shipping]
        : [],
    );
    expect(bad).toEqual([]);
  });

  it('has unique ids and emails', () => {
    expect(new Set(all.map((c) => c.customer_id)).size).toBe(all.length);
    expect(new Set(all.map((c) => c.email)).size).toBe(all.length);
  });
});

describe('seed data against the app', () => {
  it('passes the app’s own validation for every customer', async () => {
    const { customerFormSchema, toFormValues } = await import('@/lib/customers/schema');
    for (const mode of ['test', 'live'] as const) {
      for (const c of seedCustomers(mode, SEED_COUNTS[mode])) {
        const fields = {
          first_name: c.first_name ?? '',
          last_name: c.last_name ?? '',
          email: c.email ?? '',
          phone: c.phone ?? '',
          employer: c.employer ?? '',
          shipping:
            'country' in c.shipping
              ? {
                  line1: c.shipping.line1,
                  line2: c.shipping.line2,
                  city: c.shipping.city,
                  state: c.shipping.state,
                  postal_code: c.shipping.postal_code,
                  country: c.shipping.country,
                }
              : null,
          metadata: c.metadata as Record<string, never>,
        };
        const r = await customerFormSchema.safeParseAsync(toFormValues(fields));
        expect(r.success, `${c.customer_id}: ${JSON.stringify(r.error?.issues)}`).toBe(true);
      }
    }
  });
});
