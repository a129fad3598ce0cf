// The data-access gate. Every page that shows customer or staff data calls requireStaff/requirePermission
// first; every server action is wrapped in authAction. One call, one permissions table.
import 'server-only';
import { cookies, headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { cache } from 'react';
import { appendAudit } from '@/lib/audit/audit';
import type { Failure } from '@/lib/customers/action-result';
import { can, REFUSAL, type Permission } from './permissions';
import { isHttps, requestInfo, sameOriginRequest } from './request';
import { safeNext } from './safe-next';
import { SECURE_SESSION_COOKIE, SESSION_COOKIE, staffForToken } from './session';
import type { Staff } from './staff';

export const getCurrentStaff = cache(async (): Promise<Staff | null> => staffForToken(await sessionToken()));

/**
 * The session token of this request. Under HTTPS only the `__Host-` cookie counts: a plain-named cookie can
 * be planted by a sibling subdomain or over plain HTTP, a `__Host-` one only by this host over HTTPS.
 */
export async function sessionToken(): Promise<string | undefined> {
  const jar = await cookies();
  return (await isHttps()) ? jar.get(SECURE_SESSION_COOKIE)?.value : jar.get(SESSION_COOKIE)?.value;
}

export async function requireStaff(): Promise<Staff> {
  const staff = await getCurrentStaff();
  if (!staff) {
    const path = (await headers()).get('x-desk-path');
    redirect(`/login?next=${encodeURIComponent(safeNext(path))}`);
  }
  return staff;
}

/**
 * A permission refusal of a signed-in person. A refused write aimed at one customer is recorded as
 * `customer.update.denied` on that customer, so it shows in the customer's History too.
 */
export async function auditDenied(staff: Staff, what: string, customerId?: string): Promise<void> {
  await appendAudit({
    actor: { id: staff.id, email: staff.email, role: staff.role },
    request: await requestInfo(),
    action: customerId ? 'customer.update.denied' : 'access.denied',
    outcome: 'rejected',
    customerId: customerId ?? null,
    detail: what,
  });
}

/** An access refusal as an audit row: by actions, pages and route handlers alike. */
export async function auditRefusal(staff: Staff | null, what: string): Promise<void> {
  await appendAudit({
    actor: staff
      ? { id: staff.id, email: staff.email, role: staff.role }
      : { id: null, email: null, role: null },
    request: await requestInfo(),
    action: 'access.denied',
    outcome: 'rejected',
    detail: what,
  });
}

export async function requirePermission(permission: Permission): Promise<Staff> {
  const staff = await requireStaff();
  if (!can(staff.role, permission)) {
    await auditDenied(staff, `page needs ${permission}`);
    forbidden();
  }
  return staff;
}

/** authAction's refusals: failures of the one answer shape every action has (ActionResult). */
export type Refusal = Extract<Failure, { kind: 'unauthenticated' | 'forbidden' }>;

export type ActionOptions<Args extends unknown[]> = {
  /** The customer a write action is aimed at (from its raw arguments), so a refusal is audited on it. */
  customerOf?: (...args: Args) => string | null;
};

/**
 * Wraps a server action: same-origin check, session, permission, all before the body runs.
 * The body receives the staff member; a refusal is a value, and a permission refusal is audited.
 */
export function authAction<Args extends unknown[], R>(
  permission: Permission | null,
  body: (staff: Staff, ...args: Args) => Promise<R>,
  options: ActionOptions<Args> = {},
): (...args: Args) => Promise<R | Refusal> {
  return async (...args: Args) => {
    const staff = await getCurrentStaff();
    if (!(await sameOriginRequest())) {
      await auditRefusal(staff, 'cross-origin or origin-less action call');
      return { ok: false, kind: 'forbidden', message: 'This request did not come from the Customer Desk.' };
    }
    if (!staff) {
      await auditRefusal(null, 'action call without a valid session');
      return { ok: false, kind: 'unauthenticated', message: 'Your session has ended. Sign in again.' };
    }
    if (permission && !can(staff.role, permission)) {
      const customerId = options.customerOf?.(...args) ?? undefined;
      await auditDenied(staff, `action needs ${permission}`, customerId);
      return { ok: false, kind: 'forbidden', message: REFUSAL[permission] };
    }
    return body(staff, ...args);
  };
}
