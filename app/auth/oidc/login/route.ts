// GET /auth/oidc/login?next=…: starts a single sign-on and sends the browser to the company's provider.
import { cookies } from 'next/headers';
import { NextResponse, type NextRequest } from 'next/server';
import { appendAudit } from '@/lib/audit/audit';
import { TX_COOKIE, TX_TTL_MS, beginSignIn, oidcConfig } from '@/lib/auth/oidc';
import { isHttps, requestInfo } from '@/lib/auth/request';
import { log } from '@/lib/log/logger';

export const dynamic = 'force-dynamic';

export async function GET(request: NextRequest) {
  const oidc = oidcConfig();
  if (!oidc) return new NextResponse('Not found', { status: 404 });
  try {
    const { url, cookie } = await beginSignIn(request.nextUrl.searchParams.get('next'));
    (await cookies()).set(TX_COOKIE, cookie, {
      httpOnly: true,
      // Lax: sent on the provider's top-level redirect back to the callback, never on cross-site posts.
      sameSite: 'lax',
      secure: await isHttps(),
      path: '/auth/oidc',
      maxAge: TX_TTL_MS / 1000,
    });
    return NextResponse.redirect(url, 303);
  } catch (e) {
    log.warn({ err: e instanceof Error ? e.message : String(e) }, 'single sign-on could not start');
    await appendAudit({
      actor: { id: null, email: null, role: null },
      request: await requestInfo(),
      action: 'auth.sso_failed',
      outcome: 'rejected',
      detail: 'the provider could not be reached',
    });
    return NextResponse.redirect(new URL('/login?sso=unavailable', oidc.appUrl), 303);
  }
}
