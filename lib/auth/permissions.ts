// The one table of who may do what. Pages, actions and the form's read-only fields all ask it.
import 'server-only';
import type { PatchField } from '@/lib/customers/patch';

import { ROLE_LABEL, isRole, type Role } from '@/lib/shared/roles';

export { ROLES, ROLE_LABEL, isRole, type Role } from '@/lib/shared/roles';

export const PERMISSIONS = {
  'customer.read': ['viewer', 'support', 'ops', 'admin'],
  /** Any write to a customer; which fields, the customer.edit.* permissions below say. */
  'customer.edit': ['support', 'ops', 'admin'],
  'customer.edit.contact': ['support', 'admin'],
  'customer.edit.metadata': ['support', 'admin'],
  'customer.edit.shipping': ['ops', 'admin'],
  'bulk.run': ['ops', 'admin'],
  'staff.manage': ['admin'],
  'audit.read': ['admin'],
  'sync.manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** What a refusal says, per permission: the person learns what their role cannot do, not just "no". */
export const REFUSAL: Record<Permission, string> = {
  'customer.read': 'Your role cannot see customers.',
  'customer.edit': 'Your role cannot change customers. Ask a support, ops or admin colleague.',
  'customer.edit.contact': 'Your role cannot change contact details.',
  'customer.edit.metadata': 'Your role cannot change metadata.',
  'customer.edit.shipping': 'Your role cannot change shipping addresses.',
  'bulk.run': 'Your role cannot run bulk corrections.',
  'staff.manage': 'Only admins can manage staff.',
  'audit.read': 'Only admins can read the audit trail.',
  'sync.manage': 'Only admins can manage the customer index sync.',
};

export function can(role: string, permission: Permission): boolean {
  return isRole(role) && (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export const FIELD_PERMISSION: Record<PatchField, Permission> = {
  first_name: 'customer.edit.contact',
  last_name: 'customer.edit.contact',
  email: 'customer.edit.contact',
  phone: 'customer.edit.contact',
  employer: 'customer.edit.contact',
  metadata: 'customer.edit.metadata',
  shipping: 'customer.edit.shipping',
};

export function canEditField(role: string, field: PatchField): boolean {
  return can(role, FIELD_PERMISSION[field]);
}

/** Why a role may not change a field, in words for the lock's tooltip. */
export function lockReason(field: PatchField): string {
  const who = (PERMISSIONS[FIELD_PERMISSION[field]] as readonly Role[])
    .map((r) => ROLE_LABEL[r])
    .join(' and ');
  const what =
    field === 'shipping' ? 'the shipping address' : field === 'metadata' ? 'metadata' : 'contact details';
  return `Only ${who} staff can change ${what}.`;
}
