// GET /auth/oidc/callback: where the provider returns the browser. Checks everything (lib/auth/oidc.ts),
// then the desk's own session, as after a password sign-in, and the page the person wanted.
import { cookies } from 'next/headers';
import { NextResponse, type NextRequest } from 'next/server';
import { appendAudit } from '@/lib/audit/audit';
import { TX_COOKIE, finishSignIn, oidcConfig } from '@/lib/auth/oidc';
import { staffForIdentity } from '@/lib/auth/oidc-staff';
import { requestInfo } from '@/lib/auth/request';
import { startSession } from '@/lib/auth/sso-session';
import { countSignInFailure } from '@/lib/metrics';

export const dynamic = 'force-dynamic';

export async function GET(request: NextRequest) {
  const oidc = oidcConfig();
  if (!oidc) return new NextResponse('Not found', { status: 404 });
  const jar = await cookies();
  const cookie = jar.get(TX_COOKIE)?.value;
  jar.delete({ name: TX_COOKIE, path: '/auth/oidc' });
  const req = await requestInfo();
  const to = (path: string) => NextResponse.redirect(new URL(path, oidc.appUrl), 303);

  const finished = await finishSignIn(cookie, request.nextUrl.search);
  if (!finished.ok) {
    countSignInFailure('sso_callback');
    await appendAudit({
      actor: { id: null, email: null, role: null },
      request: req,
      action: 'auth.sso_failed',
      outcome: 'rejected',
      detail: finished.reason,
    });
    return to('/login?sso=failed');
  }
  const outcome = await staffForIdentity(finished.identity, oidc.roleMap, req);
  if (!outcome.ok) {
    countSignInFailure(`sso_${outcome.kind.replace('-', '_')}`);
    return to(outcome.kind === 'failed' ? '/login?sso=failed' : `/auth/oidc/no-access?why=${outcome.kind}`);
  }
  await startSession(outcome.staff, req);
  await appendAudit({
    actor: { id: outcome.staff.id, email: outcome.staff.email, role: outcome.staff.role },
    request: req,
    action: 'auth.sso_sign_in',
    outcome: 'success',
  });
  return to(finished.next);
}
