// Where to send someone after sign-in: a path on this app, nothing else. Pure (no server-only), so the
// property test and every caller (password sign-in, single sign-on start and callback, /login) share it.

// A placeholder origin: the path is resolved as a browser would resolve a Location header against the app.
const BASE = 'http://desk.invalid';

/**
 * The path to return to after sign-in, or '/'. The input is normalised first (WHATWG URL parsing: dot
 * segments, percent-encoded dots, backslashes, tabs and newlines are all resolved as a browser would), and
 * only then checked: same origin, and a path that cannot be read as another host (`//…`, `/\…`).
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || next.length === 0 || next.length > 2048) return '/';
  let url: URL;
  try {
    url = new URL(next, `${BASE}/`);
  } catch {
    return '/';
  }
  if (url.origin !== BASE) return '/';
  const path = url.pathname + url.search;
  if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return '/';
  // Back to the sign-in page would loop.
  if (url.pathname === '/login' || url.pathname.startsWith('/login/')) return '/';
  return path;
}
