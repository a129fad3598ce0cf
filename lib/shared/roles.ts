// The staff roles and their names: client-safe, so pages, forms and the permissions table share one list.
export const ROLES = ['viewer', 'support', 'ops', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABEL: Record<Role, string> = {
  viewer: 'Viewer',
  support: 'Support',
  ops: 'Operations',
  admin: 'Admin',
};

export function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}
