import { describe, expect, it } from 'vitest';
import { PATCH_FIELDS } from '@/lib/customers/patch';
import { ROLES, can, canEditField, lockReason } from './permissions';

const EXPECTED: Record<string, Record<string, boolean>> = {
  viewer: {
    first_name: false,
    last_name: false,
    email: false,
    phone: false,
    employer: false,
    shipping: false,
    metadata: false,
  },
  support: {
    first_name: true,
    last_name: true,
    email: true,
    phone: true,
    employer: true,
    shipping: false,
    metadata: true,
  },
  ops: {
    first_name: false,
    last_name: false,
    email: false,
    phone: false,
    employer: false,
    shipping: true,
    metadata: false,
  },
  admin: {
    first_name: true,
    last_name: true,
    email: true,
    phone: true,
    employer: true,
    shipping: true,
    metadata: true,
  },
};

describe('the permissions table', () => {
  for (const role of ROLES) {
    for (const field of PATCH_FIELDS) {
      it(`${role} ${EXPECTED[role]![field] ? 'may' : 'may not'} change ${field}`, () => {
        expect(canEditField(role, field)).toBe(EXPECTED[role]![field]);
      });
    }
  }

  it('lets every role read, and only admins manage staff and read the audit trail', () => {
    for (const role of ROLES) {
      expect(can(role, 'customer.read')).toBe(true);
      expect(can(role, 'staff.manage')).toBe(role === 'admin');
      expect(can(role, 'audit.read')).toBe(role === 'admin');
    }
  });

  it('refuses unknown roles everything', () => {
    expect(can('root', 'customer.read')).toBe(false);
    expect(canEditField('', 'email')).toBe(false);
  });

  it('explains locks in words', () => {
    expect(lockReason('shipping')).toBe('Only Operations and Admin staff can change the shipping address.');
    expect(lockReason('email')).toBe('Only Support and Admin staff can change contact details.');
  });
});
