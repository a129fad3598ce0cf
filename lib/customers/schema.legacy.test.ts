// "Only what is sent is validated": for any customer Flex may hold (legacy values included) and any single
// valid change, the save is allowed and the PATCH holds exactly that field; an address change sends (and
// validates) the whole address.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPatch, changedFields } from './patch';
import { customerEditSchema, customerFieldsSchema, legacyProblems, toFormValues } from './schema';
import type { Address, CustomerFields } from './types';

// Strings as old records hold them: empty, padded, control characters, overlong, anything.
const messy = fc.oneof(
  fc.constant(''),
  fc.string({ maxLength: 30 }),
  fc.constantFrom('  padded  ', 'tab\there', 'x'.repeat(300), 'N/A', '-', '\u202eevil'),
);
const legacyPhone = fc.oneof(
  messy,
  fc.constantFrom('+15555555555', '(415) 555-0123', '415.555.0199', '0044 20 7946 0958', '+1 555', 'call me'),
);
const legacyAddress: fc.Arbitrary<Address | null> = fc.oneof(
  fc.constant(null),
  fc.record({
    line1: messy,
    line2: messy,
    city: messy,
    state: fc.oneof(messy, fc.constantFrom('', 'ca', 'Calif.', 'ZZ')),
    postal_code: fc.oneof(messy, fc.constantFrom('9410', '941071234', 'sw1a1aa', '')),
    country: fc.oneof(messy, fc.constantFrom('us', 'gb', 'USA', 'United States', 'XX', '')),
  }),
);
const legacyJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', maxDepth: 7 },
    fc.string({ maxLength: 10 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(fc.string({ minLength: 1, maxLength: 60 }), tie('v'), { maxKeys: 3 }),
  ),
})).v;
const legacyCustomer: fc.Arbitrary<CustomerFields> = fc.record({
  first_name: messy,
  last_name: messy,
  email: fc.oneof(messy, fc.constantFrom('joh.doe@example.com', 'not-an-email', 'UPPER@EXAMPLE.COM ')),
  phone: legacyPhone,
  employer: messy,
  shipping: legacyAddress,
  metadata: fc.dictionary(
    fc.string({ minLength: 1, maxLength: 60 }).filter((k) => k !== '__proto__'),
    legacyJson,
    { maxKeys: 60 },
  ) as fc.Arbitrary<CustomerFields['metadata']>,
});

const VALID_ADDRESSES: Address[] = [
  { line1: '1 Main St', line2: '', city: 'Austin', state: 'TX', postal_code: '78701', country: 'US' },
  {
    line1: '10 Downing St',
    line2: 'Flat 2',
    city: 'London',
    state: '',
    postal_code: 'SW1A 2AA',
    country: 'GB',
  },
  { line1: '1 King St W', line2: '', city: 'Toronto', state: 'ON', postal_code: 'M5V 2T6', country: 'CA' },
];
type Change = { field: keyof CustomerFields; form: string | Address; sent: unknown };
const validChange: fc.Arbitrary<Change> = fc.oneof(
  fc.constantFrom<Change>(
    { field: 'first_name', form: 'Jane', sent: 'Jane' },
    { field: 'last_name', form: ' Smith ', sent: 'Smith' },
    { field: 'email', form: 'jane.smith@example.com', sent: 'jane.smith@example.com' },
    { field: 'phone', form: '+1 415 555 2671', sent: '+14155552671' },
    { field: 'employer', form: 'Acme Health', sent: 'Acme Health' },
    { field: 'metadata', form: '{"ticket": "ZD-1", "n": 2}', sent: { ticket: 'ZD-1', n: 2 } },
  ),
  fc.constantFrom(...VALID_ADDRESSES).map((a) => ({ field: 'shipping' as const, form: a, sent: a })),
);

async function save(original: CustomerFields, change: Change) {
  const loaded = toFormValues(original);
  const values = { ...loaded, [change.field]: change.form };
  const r = await customerEditSchema(original).safeParseAsync(values);
  if (!r.success) return { ok: false as const, issues: r.error.issues };
  return { ok: true as const, patch: buildPatch(original, r.data) };
}

describe('the edit schema on records Flex already holds', () => {
  it('the read shape accepts every generated legacy customer', () => {
    fc.assert(
      fc.property(legacyCustomer, (c) => {
        expect(customerFieldsSchema.safeParse(c).success).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('any single valid change is allowed, and the PATCH holds exactly that field', async () => {
    await fc.assert(
      fc.asyncProperty(legacyCustomer, validChange, async (c, change) => {
        // Phone numbers are read in the address country: keep the generated change independent of it.
        const original = change.field === 'phone' ? { ...c, shipping: null } : c;
        const r = await save(original, change);
        if (!r.ok) throw new Error(`refused ${change.field}: ${JSON.stringify(r.issues)}`);
        const fields = changedFields(r.patch);
        // A change to what Flex already holds is no change at all.
        if (fields.length === 0) {
          expect(original[change.field]).toEqual(change.sent);
          return;
        }
        expect(fields).toEqual([change.field]);
        expect(r.patch[change.field]).toEqual(change.sent);
      }),
      { numRuns: 400 },
    );
  });

  it('no change at all sends nothing and blocks nothing, whatever Flex holds', async () => {
    await fc.assert(
      fc.asyncProperty(legacyCustomer, async (c) => {
        const r = await customerEditSchema(c).safeParseAsync(toFormValues(c));
        if (!r.success) throw new Error(JSON.stringify(r.error.issues));
        expect(changedFields(buildPatch(c, r.data))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('changing one address field validates and sends the whole address', async () => {
    const base: CustomerFields = {
      first_name: 'John',
      last_name: 'Doe',
      email: 'joh.doe@example.com',
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
    };
    const loaded = toFormValues(base);
    const r = await customerEditSchema(base).safeParseAsync({
      ...loaded,
      shipping: { ...loaded.shipping, city: 'Oakland', postal_code: '94612' },
    });
    if (!r.success) throw new Error(JSON.stringify(r.error.issues));
    const patch = buildPatch(base, r.data);
    expect(changedFields(patch)).toEqual(['shipping']);
    expect(patch.shipping).toEqual({ ...base.shipping, city: 'Oakland', postal_code: '94612' });

    // A legacy address: lower-case country, no state. Changing the city marks each failing part.
    const legacy: CustomerFields = {
      ...base,
      shipping: {
        line1: '1 Main St',
        line2: '',
        city: 'Austin',
        state: '',
        postal_code: '9410',
        country: 'us',
      },
    };
    const l = toFormValues(legacy);
    const bad = await customerEditSchema(legacy).safeParseAsync({
      ...l,
      shipping: { ...l.shipping, city: 'Dallas' },
    });
    expect(bad.success).toBe(false);
    const paths = bad.error?.issues.map((i) => i.path.join('.')).sort();
    expect(paths).toEqual(['shipping.postal_code', 'shipping.state']);
    // Fixed at the fields: the whole address goes, country upper-cased.
    const good = await customerEditSchema(legacy).parseAsync({
      ...l,
      shipping: { ...l.shipping, city: 'Dallas', state: 'TX', postal_code: '75201' },
    });
    expect(buildPatch(legacy, good).shipping).toEqual({
      line1: '1 Main St',
      line2: '',
      city: 'Dallas',
      state: 'TX',
      postal_code: '75201',
      country: 'US',
    });
  });

  it('names each held value today’s rules would not accept', async () => {
    const held = await legacyProblems(
      toFormValues({
        first_name: 'John',
        last_name: '',
        email: 'not-an-email',
        phone: '+15555555555',
        employer: '',
        shipping: {
          line1: '1 Main St',
          line2: '',
          city: 'Austin',
          state: '',
          postal_code: '78701',
          country: 'US',
        },
        metadata: { a: { b: { c: { d: { e: { f: 1 } } } } } },
      }),
    );
    expect(held.map((h) => h.path).sort()).toEqual(['email', 'metadata', 'phone', 'shipping.state']);
  });
});
