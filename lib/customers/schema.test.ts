import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { customerFormSchema, toFormValues, type CustomerFormInput } from './schema';
import type { CustomerFields } from './types';

const valid: CustomerFormInput = {
  first_name: 'Amélie',
  last_name: 'Dubois',
  email: 'amelie@example.com',
  phone: '+33 6 12 34 56 78',
  employer: 'Flex',
  shipping: {
    line1: '1 Rue de Rivoli',
    line2: '',
    city: 'Paris',
    state: '',
    postal_code: '75001',
    country: 'FR',
  },
  metadata: '{"a": 1, "b": [true, null], "c": {"d": "e"}}',
};

async function errorsOf(input: unknown): Promise<Record<string, string[]>> {
  const r = await customerFormSchema.safeParseAsync(input);
  if (r.success) return {};
  const out: Record<string, string[]> = {};
  for (const i of r.error.issues) (out[i.path.join('.')] ??= []).push(i.message);
  return out;
}

describe('customerFormSchema', () => {
  it('normalises a valid edit', async () => {
    const r = await customerFormSchema.parseAsync({
      ...valid,
      first_name: '  Amélie ',
      shipping: { ...valid.shipping, country: 'fr' },
    });
    expect(r.first_name).toBe('Amélie');
    expect(r.phone).toBe('+33612345678');
    expect(r.shipping?.country).toBe('FR');
    expect(r.metadata).toEqual({ a: 1, b: [true, null], c: { d: 'e' } });
  });

  it('uses the address country as the phone default region', async () => {
    const r = await customerFormSchema.parseAsync({ ...valid, phone: '06 12 34 56 78' });
    expect(r.phone).toBe('+33612345678');
  });

  it('normalises postal codes (case and spacing)', async () => {
    const gb = await customerFormSchema.parseAsync({
      ...valid,
      phone: '',
      shipping: {
        line1: '1 Whitehall',
        line2: '',
        city: 'London',
        state: '',
        postal_code: 'sw1a1aa',
        country: 'GB',
      },
    });
    expect(gb.shipping?.postal_code).toBe('SW1A 1AA');
    const ca = await customerFormSchema.parseAsync({
      ...valid,
      phone: '',
      shipping: {
        line1: '1 King St W',
        line2: '',
        city: 'Toronto',
        state: 'ON',
        postal_code: 'm5v2t6',
        country: 'CA',
      },
    });
    expect(ca.shipping?.postal_code).toBe('M5V 2T6');
  });

  it('allows no address at all, and then sends null', async () => {
    const r = await customerFormSchema.parseAsync({
      ...valid,
      phone: '+33612345678',
      shipping: { line1: '', line2: '', city: '', state: '', postal_code: '', country: '' },
    });
    expect(r.shipping).toBeNull();
  });

  it('requires line 1, city, postal code and country once any address field is filled', async () => {
    const e = await errorsOf({
      ...valid,
      shipping: { line1: '', line2: 'Apt 2', city: '', state: '', postal_code: '', country: '' },
    });
    expect(Object.keys(e).sort()).toEqual([
      'shipping.city',
      'shipping.country',
      'shipping.line1',
      'shipping.postal_code',
    ]);
  });

  it('requires a listed state for US, CA and AU', async () => {
    expect(
      await errorsOf({
        ...valid,
        phone: '',
        shipping: {
          line1: '1 Main',
          line2: '',
          city: 'Austin',
          state: '',
          postal_code: '78701',
          country: 'US',
        },
      }),
    ).toHaveProperty(['shipping.state']);
    expect(
      await errorsOf({
        ...valid,
        phone: '',
        shipping: {
          line1: '1 Main',
          line2: '',
          city: 'Austin',
          state: 'XX',
          postal_code: '78701',
          country: 'US',
        },
      }),
    ).toHaveProperty(['shipping.state']);
    expect(
      await errorsOf({
        ...valid,
        phone: '',
        shipping: {
          line1: '1 George St',
          line2: '',
          city: 'Sydney',
          state: 'NSW',
          postal_code: '2000',
          country: 'AU',
        },
      }),
    ).toEqual({});
  });

  it.each([
    ['email', { email: 'not-an-email' }, 'email'],
    ['phone', { phone: '12345' }, 'phone'],
    ['postal code', { shipping: { ...valid.shipping, postal_code: 'ABC' } }, 'shipping.postal_code'],
    ['country', { shipping: { ...valid.shipping, country: 'XX' } }, 'shipping.country'],
    ['control characters', { first_name: 'a\u0007b' }, 'first_name'],
    ['CR/LF', { last_name: 'a\r\nb' }, 'last_name'],
    ['a right-to-left override', { employer: 'abc\u202Efed' }, 'employer'],
    ['an oversize name', { first_name: 'x'.repeat(101) }, 'first_name'],
    ['a 10 kB string', { employer: 'x'.repeat(10_000) }, 'employer'],
    ['malformed metadata', { metadata: '{"a": }' }, 'metadata'],
    ['array metadata', { metadata: '[1]' }, 'metadata'],
    ['deep metadata', { metadata: JSON.stringify({ a: { b: { c: { d: { e: { f: 1 } } } } } }) }, 'metadata'],
    [
      '51 metadata keys',
      { metadata: JSON.stringify(Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i]))) },
      'metadata',
    ],
    ['a 41-character key', { metadata: JSON.stringify({ ['k'.repeat(41)]: 1 }) }, 'metadata'],
    ['metadata over 8 KB', { metadata: JSON.stringify({ a: 'x'.repeat(9000) }) }, 'metadata'],
  ])('rejects %s at the right field', async (_name, change, path) => {
    expect(Object.keys(await errorsOf({ ...valid, ...change }))).toContain(path);
  });

  it('says where a metadata parse error is', async () => {
    expect((await errorsOf({ ...valid, metadata: '{\n  "a": 1,\n  "b": \n}' })).metadata?.[0]).toMatch(
      /line \d+, column \d+/,
    );
  });

  it('rejects unknown keys', async () => {
    expect(await errorsOf({ ...valid, customer_id: 'fcus_x' })).not.toEqual({});
    expect(
      await errorsOf({ ...valid, shipping: { ...valid.shipping, shipping_address_id: 'x' } }),
    ).not.toEqual({});
    const proto = JSON.parse(`{"__proto__": {"x": 1}, ${JSON.stringify(valid).slice(1)}`) as unknown;
    expect((await customerFormSchema.safeParseAsync(proto)).success).toBe(false);
  });

  const arbJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', maxDepth: 3 },
      fc.string({ maxLength: 10 }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('value'), { maxLength: 3 }),
      fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), tie('value'), { maxKeys: 3 }),
    ),
  })).value;

  const arbCustomer: fc.Arbitrary<CustomerFields> = fc.record({
    first_name: fc.stringMatching(/^[A-Za-zÀ-ÿ' -]{0,30}$/).map((s) => s.trim()),
    last_name: fc.stringMatching(/^[A-Za-zÀ-ÿ' -]{0,30}$/).map((s) => s.trim()),
    email: fc.oneof(
      fc.constant(''),
      fc.stringMatching(
        /^[a-z0-9]{1,10}([.+_-][a-z0-9]{1,10})?@[a-z0-9]{1,10}(-[a-z0-9]{1,5})?\.(com|org|net|de)$/,
      ),
    ),
    phone: fc.constantFrom('', '+14155552671', '+442079460958', '+4915123456789', '+61412345678'),
    employer: fc.stringMatching(/^[A-Za-z0-9 &.-]{0,40}$/).map((s) => s.trim()),
    shipping: fc.constantFrom(
      null,
      { line1: '1 Main St', line2: '', city: 'Austin', state: 'TX', postal_code: '78701', country: 'US' },
      {
        line1: '10 Downing St',
        line2: 'Flat 2',
        city: 'London',
        state: '',
        postal_code: 'SW1A 2AA',
        country: 'GB',
      },
      {
        line1: 'Invalidenstraße 1',
        line2: '',
        city: 'Berlin',
        state: '',
        postal_code: '10115',
        country: 'DE',
      },
    ),
    metadata: fc.dictionary(
      fc.string({ minLength: 1, maxLength: 40 }).filter((k) => k !== '__proto__'),
      arbJson,
      { maxKeys: 8 },
    ) as fc.Arbitrary<CustomerFields['metadata']>,
  });

  it('accepts every generated valid customer and round-trips it', async () => {
    await fc.assert(
      fc.asyncProperty(arbCustomer, async (c) => {
        const r = await customerFormSchema.safeParseAsync(toFormValues(c));
        if (!r.success) throw new Error(JSON.stringify(r.error.issues));
        expect(r.data).toEqual(c);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on random input', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (x) => {
        await expect(customerFormSchema.safeParseAsync(x)).resolves.toBeDefined();
      }),
      { numRuns: 500 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          first_name: fc.string(),
          email: fc.string(),
          phone: fc.string(),
          metadata: fc.string(),
          shipping: fc.record({ country: fc.string(), postal_code: fc.string(), state: fc.string() }),
        }),
        async (x) => {
          await expect(
            customerFormSchema.safeParseAsync({
              ...valid,
              ...x,
              shipping: { ...valid.shipping, ...x.shipping },
            }),
          ).resolves.toBeDefined();
        },
      ),
      { numRuns: 500 },
    );
  });
});
