// Groups from the identity provider → the desk role: the highest role any mapped group gives. Pure.
import 'server-only';
import { ROLES, type Role } from './permissions';

/** The groups claim as a list of strings: an array, or a single string; anything else is no groups. */
export function groupsFrom(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === 'string');
  return [];
}

/** The highest role among the mapped groups (ROLES is ordered lowest first), or null when none is mapped. */
export function roleForGroups(groups: readonly string[], roleMap: readonly [string, Role][]): Role | null {
  let best = -1;
  for (const [group, role] of roleMap) if (groups.includes(group)) best = Math.max(best, ROLES.indexOf(role));
  return best < 0 ? null : (ROLES[best] ?? null);
}
