import { describe, expect, it } from 'vitest';
import type { Role } from './permissions';
import { groupsFrom, roleForGroups } from './oidc-roles';

const MAP: [string, Role][] = [
  ['desk-admins', 'admin'],
  ['desk-ops', 'ops'],
  ['desk-support', 'support'],
  ['desk-viewers', 'viewer'],
];

describe('roleForGroups', () => {
  it('gives the mapped role', () => {
    expect(roleForGroups(['desk-ops'], MAP)).toBe('ops');
  });
  it('gives the highest role when several groups are mapped, whatever their order', () => {
    expect(roleForGroups(['desk-viewers', 'desk-admins', 'desk-ops'], MAP)).toBe('admin');
    expect(roleForGroups(['desk-support', 'desk-viewers'], MAP)).toBe('support');
  });
  it('gives no role without a mapped group (names compare exactly)', () => {
    expect(roleForGroups([], MAP)).toBeNull();
    expect(roleForGroups(['everyone', 'Desk-Admins', 'desk-admins '], MAP)).toBeNull();
  });
});

describe('groupsFrom', () => {
  it('reads an array of strings or a single string, and nothing else', () => {
    expect(groupsFrom(['a', 1, 'b', null])).toEqual(['a', 'b']);
    expect(groupsFrom('a')).toEqual(['a']);
    expect(groupsFrom({ a: 1 })).toEqual([]);
    expect(groupsFrom(undefined)).toEqual([]);
  });
});
