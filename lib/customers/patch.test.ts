import { describe, expect, it } from 'vitest';
import { buildPatch, changedFields } from './patch';
import type { CustomerFields } from './types';

const base: CustomerFields = {
  first_name: 'Jane',
  last_name: 'Doe',
  email: 'jane@example.com',
  phone: '+14155550123',
  employer: 'Flex',
  shipping: {
    line1: '1 Main St',
    line2: 'Suite 100',
    city: 'San Francisco',
    state: 'CA',
    postal_code: '94107',
    country: 'US',
  },
  metadata: { a: 1, nested: { b: [true, null] }, s: 'x' },
};

describe('buildPatch', () => {
  it.each([
    ['first_name', { first_name: 'Janet' }],
    ['last_name', { last_name: 'Smith' }],
    ['email', { email: 'j@example.org' }],
    ['phone', { phone: '+14155550124' }],
    ['employer', { employer: '' }],
  ] as const)('sends only %s when only it changed', (_f, change) => {
    expect(buildPatch(base, { ...base, ...change })).toEqual(change);
  });

  it('sends the whole address when one address field changed', () => {
    const shipping = { ...base.shipping!, city: 'Oakland' };
    expect(buildPatch(base, { ...base, shipping })).toEqual({ shipping });
  });

  it('sends an empty line2 to clear it', () => {
    const shipping = { ...base.shipping!, line2: '' };
    expect(buildPatch(base, { ...base, shipping })).toEqual({ shipping: { ...shipping, line2: '' } });
  });

  it('sends null to remove the address', () => {
    expect(buildPatch(base, { ...base, shipping: null })).toEqual({ shipping: null });
  });

  it('sends the whole metadata when a key was removed', () => {
    const metadata = { a: 1, s: 'x' };
    expect(buildPatch(base, { ...base, metadata })).toEqual({ metadata });
  });

  it('ignores key order in metadata', () => {
    expect(buildPatch(base, { ...base, metadata: { s: 'x', nested: { b: [true, null] }, a: 1 } })).toEqual(
      {},
    );
  });

  it('treats a number and its string as different', () => {
    expect(buildPatch(base, { ...base, metadata: { ...base.metadata, a: '1' } })).toEqual({
      metadata: { ...base.metadata, a: '1' },
    });
  });

  it('sends nothing when nothing changed', () => {
    const p = buildPatch(base, structuredClone(base));
    expect(p).toEqual({});
    expect(changedFields(p)).toEqual([]);
  });

  it('lists changed fields in a stable order', () => {
    expect(
      changedFields(buildPatch(base, { ...base, metadata: {}, email: 'x@example.com', first_name: 'A' })),
    ).toEqual(['first_name', 'email', 'metadata']);
  });
});
