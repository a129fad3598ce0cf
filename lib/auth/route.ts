// The one wrapper of route handlers (the way authAction wraps actions): same origin for unsafe methods, a
// session, the permission, and an audit row for every refusal, before the handler runs. The Flex webhook
// route has no session and verifies a signature instead; sign-in's own routes, /livez, /readyz and /metrics
// need none. A refusal has the shape of an action's (ActionResult's failure).
import 'server-only';
import { NextResponse } from 'next/server';
import { can, REFUSAL, type Permission } from './permissions';
import { auditRefusal, getCurrentStaff, type Refusal } from './guard';
import { sameOriginRequest } from './request';
import type { Staff } from './staff';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

async function refuse(staff: Staff | null, status: 401 | 403, what: string, message: string) {
  await auditRefusal(staff, what);
  const body: Refusal = { ok: false, kind: status === 401 ? 'unauthenticated' : 'forbidden', message };
  return NextResponse.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}

export function authRoute<C>(
  permission: Permission,
  handler: (request: Request, staff: Staff, context: C) => Promise<Response>,
): (request: Request, context: C) => Promise<Response> {
  return async (request, context) => {
    const staff = await getCurrentStaff();
    const path = new URL(request.url).pathname;
    if (!SAFE_METHODS.has(request.method) && !(await sameOriginRequest()))
      return refuse(
        staff,
        403,
        `cross-origin ${request.method} ${path}`,
        'This request did not come from the Customer Desk.',
      );
    if (!staff)
      return refuse(
        null,
        401,
        `${request.method} ${path} without a valid session`,
        'Your session has ended. Sign in again.',
      );
    if (!can(staff.role, permission))
      return refuse(staff, 403, `${request.method} ${path} needs ${permission}`, REFUSAL[permission]);
    return handler(request, staff, context);
  };
}
