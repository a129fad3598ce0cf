// What an audit row can say: its actions and outcomes. Client-safe: the audit pages and History name them.
export const AUDIT_ACTIONS = [
  'customer.update',
  'customer.update.denied',
  'access.denied',
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.sign_out',
  'auth.sso_sign_in',
  'auth.sso_failed',
  'auth.break_glass_sign_in',
  'staff.create',
  'staff.role_change',
  'staff.disable',
  'staff.enable',
  'staff.password_reset',
  'staff.role_from_groups',
  'bulk.confirm',
  'bulk.pause',
  'bulk.resume',
  'bulk.cancel',
  'bulk.retry',
  'bulk.undo',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const OUTCOMES = ['pending', 'success', 'rejected', 'conflict', 'upstream_error', 'unknown'] as const;
export type Outcome = (typeof OUTCOMES)[number];
