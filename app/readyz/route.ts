// Readiness for a load balancer: 200 "ok", or 503 with one word (draining, database, migrations).
import { readiness } from '@/lib/ops/readiness';

export const dynamic = 'force-dynamic';

export async function GET() {
  const r = await readiness();
  return new Response(r.ready ? 'ok\n' : `${r.reason}\n`, {
    status: r.ready ? 200 : 503,
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
}
