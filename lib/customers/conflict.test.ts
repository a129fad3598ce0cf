import { describe, expect, it } from 'vitest';
import { findConflicts, postSaveDifferences } from './conflict';
import type { CustomerFields } from './types';

const original: CustomerFields = {
  first_name: 'Jane',
  last_name: 'Doe',
  email: 'jane@example.com',
  phone: '',
  employer: '',
  shipping: {
    line1: '1 Main St',
    line2: '',
    city: 'Oakland',
    state: 'CA',
    postal_code: '94612',
    country: 'US',
  },
  metadata: { a: 1 },
};

describe('findConflicts', () => {
  it('reports a field changed both upstream and here, with original, theirs and yours', () => {
    const current = { ...original, email: 'theirs@example.com' };
    expect(findConflicts(original, current, { email: 'mine@example.com' })).toEqual([
      {
        field: 'email',
        original: 'jane@example.com',
        theirs: 'theirs@example.com',
        yours: 'mine@example.com',
      },
    ]);
  });

  it('ignores upstream changes to fields not being changed', () => {
    const current = { ...original, first_name: 'Janet', metadata: { b: 2 } };
    expect(findConflicts(original, current, { email: 'mine@example.com' })).toEqual([]);
  });

  it('compares the address as a whole and metadata by value', () => {
    const current = { ...original, shipping: { ...original.shipping!, line2: 'Apt 1' }, metadata: { a: 1 } };
    const c = findConflicts(original, current, {
      shipping: { ...original.shipping!, city: 'Berkeley' },
      metadata: { a: 2 },
    });
    expect(c.map((x) => x.field)).toEqual(['shipping']);
  });

  it('counts the same change made upstream as a conflict too (the rule compares with what was loaded)', () => {
    const current = { ...original, email: 'same@example.com' };
    expect(findConflicts(original, current, { email: 'same@example.com' })).toHaveLength(1);
  });
});

describe('postSaveDifferences', () => {
  it('is empty when Flex stored what was sent', () => {
    expect(
      postSaveDifferences(
        { email: 'a@example.com', metadata: { x: [1] } },
        { ...original, email: 'a@example.com', metadata: { x: [1] } },
      ),
    ).toEqual([]);
  });

  it('names each address part Flex stored differently', () => {
    const sent = { ...original.shipping!, city: 'Oakland', state: 'ca' };
    const d = postSaveDifferences(
      { shipping: sent },
      { ...original, shipping: { ...sent, city: 'OAKLAND', state: 'CA' } },
    );
    expect(d).toEqual([
      { field: 'shipping', path: 'shipping.city', sent: 'Oakland', stored: 'OAKLAND' },
      { field: 'shipping', path: 'shipping.state', sent: 'ca', stored: 'CA' },
    ]);
  });

  it('reports a normalised phone and kept metadata keys', () => {
    const d = postSaveDifferences(
      { phone: '+1 415 555 0123', metadata: { a: 1 } },
      { ...original, phone: '+14155550123', metadata: { a: 1, kept: true } },
    );
    expect(d.map((x) => x.path)).toEqual(['phone', 'metadata']);
  });
});
