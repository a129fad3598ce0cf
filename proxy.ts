// Runs before every page and action: a fresh CSP nonce, a request id, the path for the sign-in redirect,
// and an optimistic redirect to /login without a session cookie. It is NOT the access check: every page
// and action checks the session itself (lib/auth/guard.ts).
import { NextResponse, type NextRequest } from 'next/server';

// /auth/oidc: the single sign-on start, the provider's callback and the no-access page.
// /webhooks/flex: Flex's signed webhooks, which carry a signature instead of a session (and skip nothing else).
// /livez, /readyz and /metrics: for load balancers and scrapers (/metrics checks its own token or address).
const PUBLIC = ['/login', '/auth/oidc', '/webhooks/flex', '/livez', '/readyz', '/metrics'];

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const dev = process.env.NODE_ENV === 'development';
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');

  const { pathname, search } = request.nextUrl;
  const requestHeaders = new Headers(request.headers);
  // Never trust these from outside.
  requestHeaders.delete('x-middleware-subrequest');
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('content-security-policy', csp);
  requestHeaders.set('x-desk-path', pathname + search);
  requestHeaders.set('x-desk-request-id', `req_${crypto.randomUUID().replace(/-/g, '')}`);

  const hasSession = request.cookies.has('desk_session') || request.cookies.has('__Host-desk_session');
  let response: NextResponse;
  if (!hasSession && request.method === 'POST' && pathname === '/bulk/upload') {
    // Refused here, before the route parses the file (Next has read the body already: it buffers it for the
    // proxy); the route checks the session itself too.
    response = NextResponse.json(
      { ok: false, kind: 'unauthenticated', message: 'Your session has ended. Sign in again.' },
      { status: 401 },
    );
  } else if (
    !hasSession &&
    !PUBLIC.some((p) => pathname === p || pathname.startsWith(`${p}/`)) &&
    request.method === 'GET'
  ) {
    const url = request.nextUrl.clone();
    url.pathname = '/login';
    url.search = `?next=${encodeURIComponent(pathname + search)}`;
    response = NextResponse.redirect(url);
  } else {
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }
  response.headers.set('Content-Security-Policy', csp);
  response.headers.set('Cache-Control', 'no-store, max-age=0');
  return response;
}

export const config = {
  matcher: [{ source: '/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)' }],
};
