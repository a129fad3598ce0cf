// The route pattern a request path belongs to (`/customers/fcus_…` → `/customers/[id]`), so request latency is
// labelled by route with a bounded number of label values: a path that matches no route is `other`.
export type RouteLabeler = (pathname: string) => string;

type Pattern = { route: string; parts: string[]; rank: number };

function rankOf(parts: string[]): number {
  // Fewer dynamic segments first; a catch-all only when nothing else matches.
  return parts.reduce(
    (r, p) => r + (p.startsWith('[[...') ? 1000 : p.startsWith('[...') ? 100 : p.startsWith('[') ? 1 : 0),
    0,
  );
}

export function routeLabeler(routes: string[]): RouteLabeler {
  const exact = new Set<string>();
  const dynamic: Pattern[] = [];
  for (const route of new Set(routes)) {
    const parts = route.split('/').filter(Boolean);
    if (parts.some((p) => p.startsWith('['))) dynamic.push({ route, parts, rank: rankOf(parts) });
    else exact.add(`/${parts.join('/')}`);
  }
  dynamic.sort((a, b) => a.rank - b.rank || b.parts.length - a.parts.length);
  return (pathname) => {
    if (pathname.startsWith('/_next/static/')) return '/_next/static';
    if (pathname.startsWith('/_next/')) return '/_next';
    const segs = pathname.split('/').filter(Boolean);
    const clean = `/${segs.join('/')}`;
    if (exact.has(clean)) return clean;
    for (const p of dynamic) if (matches(p.parts, segs)) return p.route;
    return 'other';
  };
}

function matches(parts: string[], segs: string[]): boolean {
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (p.startsWith('[[...')) return true;
    if (p.startsWith('[...')) return segs.length > i;
    if (i >= segs.length) return false;
    if (!p.startsWith('[') && p !== segs[i]) return false;
  }
  return parts.length === segs.length;
}
